// The peer's side of the benchmark: @neo4j/graphql's typeDefs for the service's graph, and the Cypher
// the three systems share (the project's named queries, read from cypher/ as the service's catalogue
// reads them). Imported by compare.mjs (its raw Cypher and answer checks) and by peer-server.mjs (the
// peer itself).
import { readFileSync } from "node:fs";

const CYPHER = new URL("../../cypher/", import.meta.url);

/** A named query of the project with its `// include:` lines replaced, as the service's catalogue does. */
export function namedQuery(name) {
  const text = readFileSync(new URL(`queries/${name}.cypher`, CYPHER), "utf8");
  return text.replace(/^\/\/\s*include:\s*([\w-]+)\s*$/gm, (_, f) => readFileSync(new URL(`fragments/${f}.cypher`, CYPHER), "utf8"));
}

// The peer's typeDefs: the organizations, units, areas and persons of the same graph, the ties the
// questions follow, and the project's coverage query as a @cypher field (the library has no answer of
// its own for a scope's coverage).
// A network of depth 2 as the service draws it (cobuilding.NetworkService, when no limit cuts it): the
// root, the nodes one active tie away, the nodes one active tie away from those, and every active tie
// of the root and of the first ring.
export const networkStatement = `MATCH (root:Entity {id: $id})
CALL (root) {
  OPTIONAL MATCH (root)-[r]-(n:Entity)
  WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
  RETURN [root] + collect(DISTINCT n) AS inner
}
UNWIND inner AS a
OPTIONAL MATCH (a)-[r]-(b:Entity)
WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
WITH inner, collect(DISTINCT b.id) AS outer, collect(DISTINCT r.id) AS ties
RETURN {nodes: [x IN inner | x.id] + [id IN outer WHERE NOT id IN [x IN inner | x.id]], ties: ties} AS result`;
// The six warning rules of the service (weakness.WarningRule), their severities and thresholds (the
// defaults of application.properties), each a project file; the page is 20 findings ordered by
// severity, organization name and finding id, from each rule's own page (as the service does without
// totalCount).
export const RULES = [
  ["NO_SECRETARY", "warning-no-secretary", 0, {}],
  ["FEW_FORMAL_MEMBERS", "warning-few-formal-members", 0, { minFormalMembers: 3 }],
  ["TERM_EXPIRED", "warning-term-expired", 1, { committeeTermYears: 5, branchTermYears: 3 }],
  ["NO_RECENT_ACTIVITY", "warning-no-recent-activity", 1, { windowMonths: 6 }],
  ["NO_COBUILDING_TIE", "warning-no-cobuilding-tie", 2, {}],
  ["MEMBERS_OUT_OF_CONTACT", "warning-members-out-of-contact", 1, { maxShare: 0.1, minMembers: 1 }],
];
export const PAGE = 20;
export const byFinding = (a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
// For the peer, one statement (a @cypher field runs one): the scope's organizations, then the six
// rules as a UNION of subqueries over them, their parameters written in as literals.
const literal = (v) => (typeof v === "string" ? JSON.stringify(v).replace(/"/g, "'") : String(v));
const warningStatement = (() => {
  const scopeOrgs = namedQuery("scope-organizations");
  const branches = RULES.map(([code, file, rank, thresholds]) => {
    let text = namedQuery(file)
      .replace(/^\/\/.*$/gm, "")
      .replace(/\$orgIds/g, "orgIds")
      .replace(/CALL \(\) \{/g, "CALL (orgIds) {")
      .replace(/\$rule\b/g, literal(code))
      .replace(/\$afterName\b/g, "null")
      .replace(/\$afterId\b/g, "null")
      .replace(/\$limit\b/g, String(PAGE + 1));
    for (const [k, v] of Object.entries(thresholds)) text = text.replace(new RegExp(`\\$${k}\\b`, "g"), literal(v));
    const last = text.lastIndexOf("AS evidence");
    return `${text.slice(0, last)}AS evidence, ${literal(code)} AS rule, ${rank} AS rank${text.slice(last + "AS evidence".length)}`;
  });
  return `CALL () {\n${scopeOrgs.replace(/^\/\/.*$/gm, "")}\n}
WITH ids AS orgIds
CALL (orgIds) {
${branches.join("\nUNION ALL\n")}
}
WITH rank, coalesce(organization.name, '') AS name, rule + ':' + organization.id AS id
ORDER BY rank, name, id LIMIT ${PAGE}
RETURN collect(id) AS result`;
})();
const coverageStatement = `CALL () {\n${namedQuery("coverage")}\n}\nRETURN {total: total, organizational: organizational, work: work, uncoveredCount: uncoveredCount} AS result`;
export const typeDefs = /* GraphQL */ `
  type PartyOrganization @node @fulltext(indexes: [{ indexName: "nameSearchPartyOrganization", queryName: "searchPartyOrganizations", fields: ["name"] }]) {
    id: ID!
    name: String!
    kind: String!
    sector: String!
    posts: [Person!]! @relationship(type: "HOLDS_POST", direction: IN, properties: "PostProperties")
    subordinates: [PartyOrganization!]! @relationship(type: "REPORTS_TO", direction: IN, properties: "TieProperties")
  }
  type PostProperties @relationshipProperties {
    role: String
    until: Date
  }
  type TieProperties @relationshipProperties {
    until: Date
  }
  type Person @node {
    id: ID!
    name: String
  }
  type CoverageFigures {
    total: Int!
    organizational: Int!
    work: Int!
    uncoveredCount: Int!
  }
  type NetworkFigures {
    nodes: [ID!]!
    ties: [ID!]!
  }
  type Query {
    warningSignsOf(scope: ID!, asOf: Date!): [ID!]! @cypher(statement: ${JSON.stringify(warningStatement)}, columnName: "result")
    networkOf(id: ID!, asOf: Date!): NetworkFigures @cypher(statement: ${JSON.stringify(networkStatement)}, columnName: "result")
    coverageOf(scope: ID, asOf: Date!, unitKinds: [String!]!, groupBy: String!, first: Int!, after: [String]): CoverageFigures
      @cypher(statement: ${JSON.stringify(coverageStatement)}, columnName: "result")
  }
`;

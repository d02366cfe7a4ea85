// Side by side, in one run: the service's GraphQL API, @neo4j/graphql 7 on Apollo Server 5 serving
// typeDefs for the same graph against the service's own Neo4j (through its Bolt port), and raw Cypher
// through the driver. Each question is asked of all three; the answers are checked equal (as far as
// each shape allows, see `same`) before anything is timed; then WARMUP untimed and RUNS timed runs,
// one after the other, and the medians and p95s are printed in one table.
//
//   BASE_URL=http://127.0.0.1:8080 DATA_DIR=data/neo4j node compare.mjs
//
// BASE_URL   the service (default http://127.0.0.1:8080), asked as USER / PASSWORD (viewer /
//            viewer-demo, the demo profile's viewer)
// BOLT_URI   the service's Bolt (default bolt://127.0.0.1:7687); its password from DATA_DIR/bolt-password
//            (the embedded default) or BOLT_PASSWORD
// RUNS, WARMUP  timed and untimed runs (30, 5)
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:8080";
const USER = process.env.USER_NAME ?? "viewer";
const PASSWORD = process.env.PASSWORD ?? "viewer-demo";
const BOLT_URI = process.env.BOLT_URI ?? "bolt://127.0.0.1:7687";
const BOLT_PASSWORD =
  process.env.BOLT_PASSWORD ?? readFileSync(`${process.env.DATA_DIR ?? "data/neo4j"}/bolt-password`, "utf8").trim();
const RUNS = Number(process.env.RUNS ?? 30);
const WARMUP = Number(process.env.WARMUP ?? 5);
const AS_OF = "2020-03-01";
const CYPHER = new URL("../../cypher/", import.meta.url);

/** A named query of the project with its `// include:` lines replaced, as the service's catalogue does. */
function namedQuery(name) {
  const text = readFileSync(new URL(`queries/${name}.cypher`, CYPHER), "utf8");
  return text.replace(/^\/\/\s*include:\s*([\w-]+)\s*$/gm, (_, f) => readFileSync(new URL(`fragments/${f}.cypher`, CYPHER), "utf8"));
}

// The peer's typeDefs: the organizations, units, areas and persons of the same graph, the ties the
// questions follow, and the project's coverage query as a @cypher field (the library has no answer of
// its own for a scope's coverage).
const coverageStatement = `CALL () {\n${namedQuery("coverage")}\n}\nRETURN {total: total, organizational: organizational, work: work, uncoveredCount: uncoveredCount} AS result`;
const typeDefs = /* GraphQL */ `
  type PartyOrganization @node @fulltext(indexes: [{ indexName: "nameSearch", queryName: "searchPartyOrganizations", fields: ["name"] }]) {
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
  type Query {
    coverageOf(scope: ID, asOf: Date!, unitKinds: [String!]!, groupBy: String!, first: Int!, after: [String]): CoverageFigures
      @cypher(statement: ${JSON.stringify(coverageStatement)}, columnName: "result")
  }
`;

const driver = neo4j.driver(BOLT_URI, neo4j.auth.basic("neo4j", BOLT_PASSWORD));
const peerSchema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const apollo = new ApolloServer({ schema: peerSchema });
const { url: PEER_URL } = await startStandaloneServer(apollo, { listen: { port: 0, host: "127.0.0.1" } });

const basic = "Basic " + Buffer.from(`${USER}:${PASSWORD}`).toString("base64");
async function graphql(url, query, variables = {}, headers = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors)}`);
  return body.data;
}
const service = (query, variables) => graphql(`${BASE_URL}/graphql`, query, variables, { Authorization: basic });
const peer = (query, variables) => graphql(PEER_URL, query, variables);
async function raw(statement, params) {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) => tx.run(statement, params));
    return result.records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}
const num = (v) => (neo4j.isInt(v) ? v.toNumber() : v);

// The subjects: found in the graph, the first by id as the service's own benchmark picks them.
const [committee] = await raw(
  `MATCH (o:PartyOrganization)<-[:REPORTS_TO]-(:PartyOrganization) WITH DISTINCT o ORDER BY o.id LIMIT 1 RETURN o.id AS id`,
  {},
);
const [town] = await raw(`MATCH (a:Area {kind: 'TOWN'}) RETURN a.id AS id ORDER BY a.id LIMIT 1`, {});
const ORG = committee.id;
const TOWN = town.id;
const active = (until) => until == null || String(until) > new Date().toISOString().slice(0, 10);
const sorted = (xs) => [...xs].sort();
const canonical = (o) => JSON.stringify(Object.fromEntries(Object.entries(o).sort()));

const questions = [
  {
    name: "{ __typename }",
    service: () => service("{ __typename }"),
    peer: () => peer("{ __typename }"),
    same: () => true,
  },
  {
    name: "organization by id",
    service: () => service(`query($id: ID!) { partyOrganization(id: $id) { id name kind } }`, { id: ORG }),
    peer: () => peer(`query($id: ID!) { partyOrganizations(where: { id: { eq: $id } }) { id name kind } }`, { id: ORG }),
    raw: () => raw(`MATCH (o:PartyOrganization {id: $id}) RETURN o {.id, .name, .kind} AS o`, { id: ORG }),
    same: (s, p, r) =>
      canonical(s.partyOrganization) === canonical(p.partyOrganizations[0]) &&
      canonical(s.partyOrganization) === canonical(r[0].o),
  },
  {
    name: "a committee with its posts and subordinate organizations",
    service: () =>
      service(
        `query($id: ID!) { partyOrganization(id: $id) { name posts { role person { id name } } subordinates { organization { id name } } } }`,
        { id: ORG },
      ),
    // The library follows every tie; the comparison keeps the active ones (until unset or later).
    peer: () =>
      peer(
        `query($id: ID!) { partyOrganizations(where: { id: { eq: $id } }) { name
           postsConnection { edges { properties { role until } node { id name } } }
           subordinatesConnection { edges { properties { until } node { id name } } } } }`,
        { id: ORG },
      ),
    raw: () =>
      raw(
        `MATCH (o:PartyOrganization {id: $id})
         RETURN o.name AS name,
           COLLECT { MATCH (p:Person)-[h:HOLDS_POST]->(o) WHERE h.until IS NULL OR h.until > date() RETURN {role: h.role, id: p.id} } AS posts,
           COLLECT { MATCH (s:PartyOrganization)-[r:REPORTS_TO]->(o) WHERE r.until IS NULL OR r.until > date() RETURN s.id } AS subordinates`,
        { id: ORG },
      ),
    same: (s, p, r) => {
      const o = s.partyOrganization;
      const q = p.partyOrganizations[0];
      const posts = [
        sorted(o.posts.map((x) => `${x.role}:${x.person.id}`)),
        sorted(q.postsConnection.edges.filter((e) => active(e.properties.until)).map((e) => `${e.properties.role}:${e.node.id}`)),
        sorted(r[0].posts.map((x) => `${x.role}:${x.id}`)),
      ];
      const subs = [
        sorted(o.subordinates.map((x) => x.organization.id)),
        sorted(q.subordinatesConnection.edges.filter((e) => active(e.properties.until)).map((e) => e.node.id)),
        sorted(r[0].subordinates),
      ];
      return (
        JSON.stringify(posts[0]) === JSON.stringify(posts[1]) &&
        JSON.stringify(posts[0]) === JSON.stringify(posts[2]) &&
        JSON.stringify(subs[0]) === JSON.stringify(subs[1]) &&
        JSON.stringify(subs[0]) === JSON.stringify(subs[2])
      );
    },
  },
  {
    name: 'partyOrganizations(nameContains: "社区党委", first: 50) with totalCount',
    service: () =>
      service(`{ partyOrganizations(nameContains: "社区党委", first: 50, orderBy: NAME_ASC) { totalCount nodes { id name } } }`),
    peer: () =>
      peer(`{ partyOrganizationsConnection(where: { name: { contains: "社区党委" } }, first: 50, sort: [{ name: ASC }, { id: ASC }]) {
              totalCount edges { node { id name } } } }`),
    raw: () =>
      raw(
        `MATCH (o:PartyOrganization) WHERE o.name CONTAINS $t
         WITH count(o) AS total, collect(o) AS all
         UNWIND all AS o WITH total, o ORDER BY o.name, o.id LIMIT 50
         RETURN total, collect(o {.id, .name}) AS page`,
        { t: "社区党委" },
      ),
    same: (s, p, r) =>
      s.partyOrganizations.totalCount === p.partyOrganizationsConnection.totalCount &&
      s.partyOrganizations.totalCount === num(r[0].total) &&
      JSON.stringify(sorted(s.partyOrganizations.nodes.map((n) => n.id))) ===
        JSON.stringify(sorted(p.partyOrganizationsConnection.edges.map((e) => e.node.id))) &&
      JSON.stringify(sorted(s.partyOrganizations.nodes.map((n) => n.id))) === JSON.stringify(sorted(r[0].page.map((n) => n.id))),
  },
  {
    name: 'search "物业" among organizations, first 20',
    service: () => service(`{ search(text: "物业", types: [PARTY_ORGANIZATION], first: 20) { score node { id } } }`),
    peer: () => peer(`{ searchPartyOrganizations(phrase: "物业", first: 20) { edges { score node { id } } } }`),
    raw: () =>
      raw(
        `CALL db.index.fulltext.queryNodes('nameSearch', $t) YIELD node, score
         WHERE node:PartyOrganization RETURN node.id AS id, score ORDER BY score DESC LIMIT 20`,
        { t: "物业" },
      ),
    // Hits of equal score may come in another order: the scores are compared.
    same: (s, p, r) => {
      const scores = [s.search.map((h) => h.score), p.searchPartyOrganizations.edges.map((h) => h.score), r.map((h) => h.score)].map(
        (xs) => JSON.stringify(xs.map((x) => x.toFixed(4))),
      );
      return scores[0] === scores[1] && scores[0] === scores[2];
    },
  },
  {
    name: "coverage of one town (two-new, as of 2020-03-01)",
    service: () =>
      service(`query($s: ID) { coverage(scope: $s, asOf: "${AS_OF}") { total organizational work uncovered(first: 20) { totalCount } } }`, {
        s: TOWN,
      }),
    peer: () =>
      peer(
        `query($s: ID) { coverageOf(scope: $s, asOf: "${AS_OF}", unitKinds: ["NON_PUBLIC_ENTERPRISE", "SOCIAL_ORGANIZATION", "PROPERTY_COMPANY"],
           groupBy: "BIG_COMMUNITY", first: 20) { total organizational work uncoveredCount } }`,
        { s: TOWN },
      ),
    raw: () =>
      raw(namedQuery("coverage"), {
        scope: TOWN,
        asOf: new neo4j.types.Date(2020, 3, 1),
        unitKinds: ["NON_PUBLIC_ENTERPRISE", "SOCIAL_ORGANIZATION", "PROPERTY_COMPANY"],
        groupBy: "BIG_COMMUNITY",
        first: neo4j.int(20),
        after: null,
      }),
    same: (s, p, r) => {
      const a = s.coverage;
      const b = p.coverageOf;
      const c = r[0];
      return (
        a.total === b.total &&
        a.total === num(c.total) &&
        a.organizational === b.organizational &&
        a.organizational === num(c.organizational) &&
        a.uncovered.totalCount === b.uncoveredCount &&
        a.uncovered.totalCount === num(c.uncoveredCount)
      );
    },
  },
];

async function time(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.ceil(s.length * 0.95) - 1] };
};
const fmt = (x) => (x == null ? "—" : x < 10 ? x.toFixed(1) : x.toFixed(0));

console.log(`service ${BASE_URL} (as ${USER}), peer @neo4j/graphql 7.6.3 on Apollo Server 5.5.1 at ${PEER_URL}, raw Cypher on ${BOLT_URI}`);
console.log(`subjects: committee ${ORG}, town ${TOWN}; ${WARMUP} warm-up and ${RUNS} timed runs each; median / p95 ms`);
const rows = [];
for (const q of questions) {
  const answers = [await q.service(), await q.peer(), q.raw ? await q.raw() : null];
  if (!q.same(...answers)) {
    console.error(`answers differ for ${q.name}:`, JSON.stringify(answers).slice(0, 2000));
    process.exitCode = 1;
    continue;
  }
  const figures = {};
  for (const [who, fn] of [
    ["service", q.service],
    ["peer", q.peer],
    ["raw", q.raw],
  ]) {
    if (!fn) continue;
    for (let i = 0; i < WARMUP; i++) await fn();
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await time(fn));
    figures[who] = stat(times);
  }
  rows.push({ name: q.name, ...figures });
}
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad("question", 62)} ${pad("service", 14)} ${pad("peer", 14)} ${pad("raw", 14)} service/peer`);
for (const r of rows) {
  const cell = (f) => (f ? `${fmt(f.median)} / ${fmt(f.p95)}` : "—");
  console.log(
    `${pad(r.name, 62)} ${pad(cell(r.service), 14)} ${pad(cell(r.peer), 14)} ${pad(cell(r.raw), 14)} ${(r.service.median / r.peer.median).toFixed(2)}×`,
  );
}
await apollo.stop();
await driver.close();

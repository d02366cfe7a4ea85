// The kept questions request-cpu.mjs and after-idle.mjs ask of a running service (its demo users): a
// committee with subordinates found through Bolt, and how one request is sent and timed.
import neo4j from "neo4j-driver";

/** The first committee (by id) that has subordinate organizations. */
export async function committeeId() {
  const driver = neo4j.driver(process.env.BOLT_URI ?? "bolt://127.0.0.1:7687", neo4j.auth.basic("neo4j", process.env.BOLT_PASSWORD));
  const session = driver.session();
  try {
    return (await session.run("MATCH (o:PartyOrganization)<-[:REPORTS_TO]-(:PartyOrganization) WITH DISTINCT o ORDER BY o.id LIMIT 1 RETURN o.id AS id")).records[0].get("id");
  } finally {
    await session.close();
    await driver.close();
  }
}

/** { __typename }, a lookup, the nested read of bench/compare (the same text) and a network of depth 2. */
export function questions(id) {
  return {
    typename: ["{ __typename }", {}],
    lookup: [`query($id: ID!) { partyOrganization(id: $id) { id name kind } }`, { id }],
    nested: [`query($id: ID!) { partyOrganization(id: $id) { name posts { role person { id name } } subordinates { organization { id name } } } }`, { id }],
    network: [`query($id: ID!) { network(rootIds: [$id], depth: 2, limit: 2000, asOf: "2020-04-01") { truncated nodes { id } edges { id } } }`, { id }],
  };
}

const auth = "Basic " + Buffer.from("viewer:viewer-demo").toString("base64");

/** Asks one question (as viewer) at url; resolves to its time in ms, or throws its errors. */
export async function ask([query, variables], url = `${process.env.BASE_URL ?? "http://127.0.0.1:8080"}/graphql`) {
  const t = performance.now();
  const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Authorization: auth }, body: JSON.stringify({ query, variables }) });
  const b = await r.json();
  if (b.errors) throw new Error(JSON.stringify(b.errors));
  return performance.now() - t;
}

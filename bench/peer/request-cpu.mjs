// The service's CPU per request and its latency, for a request that reads nothing ({ __typename }), a
// kept lookup, the kept nested read of bench/compare (a committee with its posts and subordinates, the
// same query text) and a kept network of depth 2 (216 nodes and 219 ties on the province): WARM
// requests of the four in turn, then back to back (CPU of the service's process over the requests,
// from /proc/PID/stat) and after pauses of 20 ms (each request alone, as after a user's pause).
// Against a service already running on the province, for comparing two builds one after the other:
//   PID=<the service's pid> BASE_URL=http://127.0.0.1:8080 BOLT_URI=bolt://127.0.0.1:7687 \
//   BOLT_PASSWORD=… node request-cpu.mjs
import neo4j from "neo4j-driver";
import { readFileSync } from "node:fs";
const pid = process.env.PID;
const ticks = () => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return Number(f[11]) + Number(f[12]); };
const driver = neo4j.driver(process.env.BOLT_URI ?? "bolt://127.0.0.1:7687", neo4j.auth.basic("neo4j", process.env.BOLT_PASSWORD));
const s = driver.session();
const id = (await s.run("MATCH (o:PartyOrganization)<-[:REPORTS_TO]-(:PartyOrganization) WITH DISTINCT o ORDER BY o.id LIMIT 1 RETURN o.id AS id")).records[0].get("id");
await s.close(); await driver.close();
const auth = "Basic " + Buffer.from("viewer:viewer-demo").toString("base64");
const QS = {
  typename: ["{ __typename }", {}],
  lookup: [`query($id: ID!) { partyOrganization(id: $id) { id name kind } }`, { id }],
  nested: [`query($id: ID!) { partyOrganization(id: $id) { name posts { role person { id name } } subordinates { organization { id name } } } }`, { id }],
  network: [`query($id: ID!) { network(rootIds: [$id], depth: 2, limit: 2000, asOf: "2020-04-01") { truncated nodes { id } edges { id } } }`, { id }],
};
async function one([q, v]) {
  const t = performance.now();
  const r = await fetch(`${process.env.BASE_URL ?? "http://127.0.0.1:8080"}/graphql`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: auth }, body: JSON.stringify({ query: q, variables: v }) });
  const b = await r.json();
  if (b.errors) throw new Error(JSON.stringify(b.errors));
  return performance.now() - t;
}
const warm = Number(process.env.WARM ?? 20000);
for (let i = 0; i < warm; i++) await one(Object.values(QS)[i % Object.keys(QS).length]);
for (const [name, q] of Object.entries(QS)) {
  const n = name === "network" ? 3000 : 8000;
  const t0 = ticks(); const xs = [];
  for (let i = 0; i < n; i++) xs.push(await one(q));
  const cpu = (ticks() - t0) * 10 / n;
  xs.sort((a, b) => a - b);
  const ps = [];
  for (let i = 0; i < 400; i++) { await new Promise((r) => setTimeout(r, 20)); ps.push(await one(q)); }
  ps.sort((a, b) => a - b);
  console.log(`${name}: after 20 ms pauses median ${ps[200].toFixed(2)} ms, p90 ${ps[360].toFixed(2)}`);
  console.log(`${name}: CPU ${cpu.toFixed(3)} ms/request, median ${xs[n >> 1].toFixed(2)} ms, p90 ${xs[Math.floor(n * 0.9)].toFixed(2)}`);
}

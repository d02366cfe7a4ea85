// What an idle spell costs the service: one client process throughout, so that the client is as warm
// after the idle as before it (a new process would time its own cold start: Node's fetch is slow for
// its first thousand requests). MIX s of { __typename }, a lookup, the nested read of bench/compare, a
// network of depth 2 and a filtered list in turn; then each of the five RUNS times, twice (the first
// request's time and the median of the others); IDLE s asleep; 3 s of requests to a constant server in
// a process of its own (constant-server.mjs), which warms the client and not the service; then each of
// the five RUNS times again, twice. Against a service already running (its demo users):
//   BASE_URL=http://127.0.0.1:8080 BOLT_URI=bolt://127.0.0.1:7687 BOLT_PASSWORD=… node after-idle.mjs
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ask as one, committeeId, questions } from "./kept-questions.mjs";

const MIX = Number(process.env.MIX ?? 120), IDLE = Number(process.env.IDLE ?? 300), RUNS = Number(process.env.RUNS ?? 100);
const QS = {
  ...questions(await committeeId()),
  list: [`{ partyOrganizations(nameContains: "社区党委", first: 50) { totalCount nodes { id name } } }`, {}],
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
async function round(label) {
  const parts = [];
  for (const [name, q] of Object.entries(QS)) {
    const xs = [];
    for (let i = 0; i < RUNS; i++) xs.push(await one(q));
    parts.push(`${name} ${xs[0].toFixed(1)} / ${median(xs.slice(1)).toFixed(2)}`);
  }
  console.log(`${label} (first / median of the other ${RUNS - 1}, ms): ${parts.join(", ")}`);
}
const constant = spawn(process.execPath, [fileURLToPath(new URL("constant-server.mjs", import.meta.url))], { stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise((ok) => constant.stdout.once("data", (d) => ok(String(d).trim())));
async function warmClient() {
  const end = Date.now() + 3000;
  while (Date.now() < end) await one(QS.typename, `http://127.0.0.1:${port}/graphql`);
}
try {
  const end = Date.now() + 1000 * MIX;
  const mix = Object.values(QS);
  let k = 0;
  while (Date.now() < end) await one(mix[k++ % mix.length]);
  console.log(`${k} requests of the mix in ${MIX} s`);
  await warmClient();
  await round("before the idle");
  await round("again");
  await new Promise((ok) => setTimeout(ok, 1000 * IDLE));
  await warmClient();
  await round(`after ${IDLE} s idle`);
  await round("again");
} finally {
  constant.kill();
}

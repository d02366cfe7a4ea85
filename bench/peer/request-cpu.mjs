// The service's CPU per request and its latency, for a request that reads nothing ({ __typename }), a
// kept lookup, the kept nested read of bench/compare (a committee with its posts and subordinates, the
// same query text) and a kept network of depth 2 (216 nodes and 219 ties on the province): WARM
// requests of the four in turn, then back to back (CPU of the service's process over the requests,
// from /proc/PID/stat) and after pauses of 20 ms (each request alone, as after a user's pause).
// Against a service already running on the province, for comparing two builds one after the other:
//   PID=<the service's pid> BASE_URL=http://127.0.0.1:8080 BOLT_URI=bolt://127.0.0.1:7687 \
//   BOLT_PASSWORD=… node request-cpu.mjs
import { readFileSync } from "node:fs";
import { ask as one, committeeId, questions } from "./kept-questions.mjs";
const pid = process.env.PID;
const ticks = () => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return Number(f[11]) + Number(f[12]); };
const QS = questions(await committeeId());
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

const auth = "Basic " + Buffer.from("viewer:viewer-demo").toString("base64");
const body = JSON.stringify({ query: process.env.Q ?? "{ __typename }" });
const n = Number(process.env.N ?? 20000); const xs = [];
for (let i = 0; i < n; i++) {
  const t = performance.now();
  const r = await fetch("http://127.0.0.1:8080" + (process.env.P ?? "/graphql"), { method: process.env.P ? "GET" : "POST", headers: { "Content-Type": "application/json", Authorization: auth }, body: process.env.P ? undefined : body });
  await r.text();
  xs.push(performance.now() - t);
}
xs.sort((a, b) => a - b);
console.log(`${process.env.P ?? "typename"} n=${n} median ${xs[n >> 1].toFixed(3)} p90 ${xs[Math.floor(n * 0.9)].toFixed(3)}`);

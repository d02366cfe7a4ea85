// Side by side, in one run: the service's GraphQL API, @neo4j/graphql 7 on Apollo Server 5 serving
// typeDefs for the same graph against the service's own Neo4j (through its Bolt port; peer-server.mjs,
// in a process of its own), and raw Cypher through the official Java driver (RawCypherClient, a JVM of
// its own; the JavaScript driver in this process beside it, kept only). Each question is
// asked of all three; the answers are checked equal (as far as each shape allows, see `same`) before
// anything is timed; then WARMUP untimed and RUNS timed runs,
// one after the other, and the medians and p95s are printed in one table, the service asked with
// HTTP Basic and with a signed token. Then throughput: CLIENTS (8 and 32) concurrent clients for
// SECONDS each, a rotating mix of the first four questions, against the service (Basic, token) and
// the peer: requests per second, p99, errors; and the service's RSS, sampled during the load.
//
//   DATA_DIR=../../data/province KEYSET=../../data/keys/personal-data.json node compare.mjs
//
// The service is started by this script from JAR (default ../../target/party-graph-0.1.0-SNAPSHOT.jar)
// on DATA_DIR with the demo profile, HEAP (1g) and PAGE_CACHE (384m), and a public key of this run's
// own to trust tokens signed here; or, with BASE_URL, an already running one is used (no tokens then
// unless TOKEN is given).
// DATA_DIR   the embedded database's directory (the Bolt password is read from DATA_DIR/bolt-password,
//            which the service writes on the store's first start)
// KEYSET     its personal-data keyset (default DATA_DIR/../keys/personal-data.json)
// RUNS, WARMUP  timed and untimed runs (30, 5); SECONDS per throughput run (30); CLIENTS (8,32)
// PEER       "harness" to serve the peer in this script's process (as runs 1-22 of the README did)
// RAW_JS     "off" to time raw Cypher through the Java driver only (the JavaScript driver's column left out)
// ORDER      "fixed" for the systems taking turns in a fixed cycle, as runs 1-32 did (default: shuffled
//            each round, SEED 1)
// JVM_OPTS   more options for the service's JVM (default: ops/sample-memory.jvm's but its heap ceiling,
//            see the README's *Memory*; "" for none)
// SAMPLE_DIR (and SAMPLE_KEYSET)  then the same questions of the service on the sample's database, a
//            second service started beside the first, the two timed in turns, and the growth province /
//            sample per question; SAMPLE_WARM_SECONDS (300) the sample's service is warmed first,
//            GROWTH_RUNS (100) timed runs per question and service, kept and after a change
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { listen } from "./constant-server.mjs";
import { generateKeyPairSync, sign } from "node:crypto";
import neo4j from "neo4j-driver";
import { startPeer } from "./peer-server.mjs";
import { namedQuery, networkStatement, RULES, PAGE, byFinding } from "./peer-schema.mjs";

const USER = process.env.USER_NAME ?? "viewer";
const PASSWORD = process.env.PASSWORD ?? "viewer-demo";
const DATA_DIR = resolve(process.env.DATA_DIR ?? "data/neo4j");
const RUNS = Number(process.env.RUNS ?? 30);
const WARMUP = Number(process.env.WARMUP ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 30);
const CLIENTS = (process.env.CLIENTS ?? "8,32").split(",").map(Number);
// The order in which systems take turns within a round: shuffled anew each round (a seeded shuffle,
// SEED, 1 by default), so that each system follows each other as often. A fixed cycle (ORDER=fixed,
// as runs 1-32 had it, the first of each round rotating) has every system always follow the same
// one: the service with a token always right after the service with Basic, whose run has just warmed
// its caches, and the service with Basic after the raw clients' JVM or process.
const ORDER = process.env.ORDER ?? "shuffled";
const SEED = Number(process.env.SEED ?? 1);
const turnOrder = (n, round) => {
  const idx = [...Array(n).keys()];
  if (ORDER === "fixed") return idx.map((j) => (round + j) % n);
  // mulberry32, seeded by the seed and the round
  let a = (SEED * 0x9e3779b1 + round * 0x85ebca6b) >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
};
const AS_OF = "2020-03-01";

// Tokens: an RSA key made for this run; the service trusts its public half
// (spring.security.oauth2.resourceserver.jwt.public-key-location), the script signs with the private.
const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const work = mkdtempSync(join(tmpdir(), "compare-"));
const PUBLIC_KEY = join(work, "issuer.pem");
writeFileSync(PUBLIC_KEY, keys.publicKey.export({ type: "spki", format: "pem" }));
function signedToken(user, roles) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const head = `${part({ alg: "RS256", typ: "JWT" })}.${part({ sub: user, preferred_username: user, roles, iat: now, exp: now + 7200 })}`;
  return `${head}.${sign("RSA-SHA256", Buffer.from(head), keys.privateKey).toString("base64url")}`;
}

let BASE_URL = process.env.BASE_URL;
let BOLT_URI = process.env.BOLT_URI ?? "bolt://127.0.0.1:7687";
let TOKEN = process.env.TOKEN ?? null;
let child = null;
const HEAP = process.env.HEAP ?? "1g";
// 384m, not the service's default 512m: with 512m the RSS passed 1.5 GiB for a few seconds whenever G1
// grew the heap under a burst (318 -> 558 MB committed; peaks of 1,600-1,639 MB sampled every second
// over a run, 1,476 MB with 384m, the same load); the peer and raw Cypher read through the same cache
const PAGE_CACHE = process.env.PAGE_CACHE ?? "384m";
// the sample's memory options (ops/sample-memory.jvm) but its heap ceiling, HEAP
const JVM_OPTS =
  process.env.JVM_OPTS ??
  readFileSync(new URL("../../ops/sample-memory.jvm", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("-") && !line.startsWith("-Xmx"))
    .join(" ");
const JAR = resolve(process.env.JAR ?? new URL("../../target/party-graph-0.1.0-SNAPSHOT.jar", import.meta.url).pathname);
/** JAVA_HOME's java (else the one on the PATH), and the JDK-23 option where the JDK has it. */
function javaCommand() {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
  const version = /version "(\d+)/.exec(spawnSync(java, ["-version"], { encoding: "utf8" }).stderr ?? "");
  const major = version ? Number(version[1]) : 0;
  if (major < 21) throw new Error(`${java} is JDK ${major}; the service needs JDK 21 or newer (set JAVA_HOME)`);
  return { java, major, unsafe: major >= 23 ? ["--sun-misc-unsafe-memory-access=allow"] : [] };
}
/** Starts the service from JAR on a database; resolves once it is ready. */
async function startService(dataDir, keyset) {
  if (!existsSync(JAR)) throw new Error(`no jar at ${JAR}: mvn -q package -DskipTests`);
  const port = 18000 + Math.floor(Math.random() * 1000);
  const bolt = port + 1000;
  const { java, unsafe } = javaCommand();
  const process_ = spawn(
    java,
    [
      `-Xmx${HEAP}`,
      ...JVM_OPTS.split(/\s+/).filter(Boolean),
      ...unsafe,
      "-jar",
      JAR,
      "--spring.profiles.active=demo",
      `--server.port=${port}`,
      `--party-graph.neo4j.embedded.bolt-port=${bolt}`,
      `--party-graph.neo4j.embedded.directory=${dataDir}`,
      `--party-graph.neo4j.embedded.page-cache=${PAGE_CACHE}`,
      `--party-graph.personal-data.keyset-file=${keyset}`,
      `--spring.security.oauth2.resourceserver.jwt.public-key-location=file:${PUBLIC_KEY}`,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  process.on("exit", () => process_.kill("SIGTERM"));
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (process_.exitCode != null) throw new Error(`the service stopped (exit ${process_.exitCode})`);
    try {
      const r = await fetch(`${base}/actuator/health/readiness`);
      if ((await r.text()).includes("UP")) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`service started from ${JAR} on ${dataDir} (-Xmx${HEAP} ${JVM_OPTS}, page cache ${PAGE_CACHE}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { process: process_, base, bolt: `bolt://127.0.0.1:${bolt}` };
}
async function stopService(s) {
  if (s.exitCode != null) return;
  const ended = new Promise((r) => s.once("exit", r));
  s.kill("SIGTERM");
  await ended;
}
if (!BASE_URL) {
  const started = await startService(DATA_DIR, resolve(process.env.KEYSET ?? `${DATA_DIR}/../keys/personal-data.json`));
  child = started.process;
  BASE_URL = started.base;
  BOLT_URI = started.bolt;
  TOKEN = signedToken(USER, ["VIEWER"]);
}
/** The service's resident memory now, MB (when this script started it). */
function rss() {
  if (!child) return null;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : null;
}

/** CPU seconds the service's process has used (user + system), from /proc; null when not started here. */
function cpuSeconds(of = child) {
  if (!of) return null;
  const fields = readFileSync(`/proc/${of.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/**
 * Waits until the service started here (or each of those given) uses less than a tenth of a core over 2 s (at most IDLE_MOST
 * seconds, 600 by default): what it reads for itself in the background (the whole graph as of today
 * at start-up, dates asked twice by scopes, kept answers taken again) finishes before the timed runs,
 * as the peer has none. Returns the seconds waited; null for a service not started here.
 */
async function untilIdle(...services) {
  if (services.length === 0) services = child ? [child] : [];
  if (services.length === 0) return null;
  const started = Date.now();
  const most = Number(process.env.IDLE_MOST ?? 600) * 1000;
  for (;;) {
    const before = services.map((s) => cpuSeconds(s));
    await new Promise((r) => setTimeout(r, 2000));
    const busy = services.some((s, i) => cpuSeconds(s) - before[i] >= 0.2);
    if (!busy || Date.now() - started > most) return (Date.now() - started) / 1000;
  }
}


// read once the service has started: it writes the file on a store's first start
const BOLT_PASSWORD = process.env.BOLT_PASSWORD ?? readFileSync(`${DATA_DIR}/bolt-password`, "utf8").trim();
let driver = neo4j.driver(BOLT_URI, neo4j.auth.basic("neo4j", BOLT_PASSWORD));
// The peer in a process of its own (peer-server.mjs), as the service is in its JVM: in this harness's
// process it would share one event loop with the clients that time it (a request from here to a server
// here is cheaper than one to another process, and under load the 32 clients' work is the peer's too).
// PEER=harness serves it in this process instead, as runs 1-22 of the README did.
const PEER_IN_HARNESS = process.env.PEER === "harness";
/** Runs one of this folder's servers in a Node process of its own; resolves to the first line it prints. */
async function serverProcess(script, env = {}) {
  const server = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"], // peer-server.mjs stops when this pipe closes, with this process
  });
  process.on("exit", () => server.kill());
  const line = await new Promise((ok, fail) => {
    server.stdout.once("data", (out) => ok(String(out).trim()));
    server.once("exit", (code) => fail(new Error(`${script} ended (${code}) before it listened`)));
  });
  return { line, pid: server.pid, stop: async () => server.kill() };
}
async function spawnPeer() {
  const peer = await serverProcess("peer-server.mjs", { BOLT_URI, BOLT_PASSWORD });
  return { ...peer, url: peer.line };
}
const thePeer = PEER_IN_HARNESS ? await startPeer(BOLT_URI, BOLT_PASSWORD) : await spawnPeer();
const PEER_URL = thePeer.url;

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
let auth = basic; // or `Bearer ${TOKEN}`, switched by the timing loops
const service = (query, variables) => graphql(`${BASE_URL}/graphql`, query, variables, { Authorization: auth });
const peer = (query, variables) => graphql(PEER_URL, query, variables);
// RAW_JS=off leaves the JavaScript driver's kept column out: four systems take turns, as in runs 1-27
const RAW_JS = process.env.RAW_JS !== "off";
/** Raw Cypher through the JavaScript driver, in this process (the subjects, and a kept column beside the Java driver's). */
async function jsRaw(statement, params) {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) => tx.run(statement, params));
    return result.records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}
const num = (v) => (neo4j.isInt(v) ? v.toNumber() : v);
// Raw Cypher through the official Java driver: RawCypherClient from the jar, in a JVM of its own, one
// statement per line on its standard input. It times each statement itself (a read session, a read
// transaction function, the records listed, the session closed), and `time` takes the sum of those
// figures for a run in place of the wall clock: the pipe and JSON between here and there are not the
// driver's cost. Requests are answered in order, so concurrent callers (the warm-up's) queue.
let selfTimed = null;
const javaRawClient = await (async () => {
  const { java, major, unsafe } = javaCommand();
  const jvm = spawn(
    java,
    [
      "-Xmx256m",
      ...unsafe,
      ...(major >= 22 ? ["--enable-native-access=ALL-UNNAMED"] : []), // Netty's native transport, quietly
      "-cp",
      JAR,
      "-Dloader.main=org.dangjian.graph.bench.RawCypherClient",
      "org.springframework.boot.loader.launch.PropertiesLauncher",
      BOLT_URI,
    ],
    { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, BOLT_PASSWORD } },
  );
  process.on("exit", () => jvm.kill());
  const waiting = [];
  let buffered = "";
  jvm.stdout.setEncoding("utf8").on("data", (chunk) => {
    buffered += chunk;
    for (let end; (end = buffered.indexOf("\n")) >= 0; ) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      waiting.shift()(JSON.parse(line));
    }
  });
  const ready = await new Promise((ok, fail) => {
    waiting.push(ok);
    jvm.once("exit", (code) => fail(new Error(`RawCypherClient ended (${code}) before it was ready`)));
  });
  if (!ready.ready) throw new Error(`RawCypherClient: ${JSON.stringify(ready)}`);
  return {
    ask: (statement, params) =>
      new Promise((ok) => {
        waiting.push(ok);
        jvm.stdin.write(JSON.stringify({ statement, params: jsonParams(params) }) + "\n");
      }),
    stop: () => jvm.stdin.end(),
  };
})();
/** Parameters as JSON for RawCypherClient: a driver integer as a number, a date as {"$date": "..."}. */
function jsonParams(v) {
  if (neo4j.isInt(v)) return v.toNumber();
  if (v instanceof neo4j.types.Date) return { $date: v.toString() };
  if (Array.isArray(v)) return v.map(jsonParams);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonParams(x)]));
  return v;
}
async function javaRaw(statement, params) {
  const answer = await javaRawClient.ask(statement, params);
  if (answer.error) throw new Error(`RawCypherClient: ${answer.error}`);
  selfTimed = (selfTimed ?? 0) + answer.ms;
  return answer.records;
}
// A change to the graph, past the service (one write transaction through Bolt): a property no
// question shows, set on the committee the lookups ask about (in the town's city, where the warning
// signs are asked), so that every question reads something the change touched and is computed again:
// the service keeps its answers until the graph changes, those about some nodes only (a lookup, tie
// fields) until a change touches one of them. The "after a change" columns time each run 20 ms after
// one, of the service, the peer and raw Cypher alike: a request after a pause costs more than one
// right after another (threads parked, caches cold; measured on the sample, `{ __typename }`, which
// reads nothing, took 3–6 ms after a pause of 20–200 ms with or without a write, against 1.4 ms back
// to back), so the three are timed under the same conditions. The column "after a change elsewhere"
// times the service 20 ms after a write to a marker node no question reads (as a department's other
// edits are, for most questions): what it keeps per node outlives that write, the rest is read again.
async function settledChange(elsewhere = false) {
  await (elsewhere ? changeElsewhere() : change());
  await new Promise((r) => setTimeout(r, 20));
}
async function write(statement, params = {}) {
  const session = driver.session();
  try {
    await session.executeWrite((tx) => tx.run(statement, params));
  } finally {
    await session.close();
  }
}
const change = () => write("MATCH (o:Entity {id: $id}) SET o.compareAt = timestamp()", { id: ORG });
const changeElsewhere = () => write("MERGE (m:CompareMarker {name: 'compare'}) SET m.at = timestamp()");
const removeMarker = async () => {
  await write("MATCH (m:CompareMarker) DELETE m");
  await write("MATCH (o:Entity {id: $id}) REMOVE o.compareAt", { id: ORG });
};

// The subjects: found in the graph, the first by id as the service's own benchmark picks them.
const [committee] = await jsRaw(
  `MATCH (o:PartyOrganization)<-[:REPORTS_TO]-(:PartyOrganization) WITH DISTINCT o ORDER BY o.id LIMIT 1 RETURN o.id AS id`,
  {},
);
const [town] = await jsRaw(`MATCH (a:Area {kind: 'TOWN'}) RETURN a.id AS id ORDER BY a.id LIMIT 1`, {});
const [city] = await jsRaw(`MATCH (a:Area {kind: 'CITY'}) RETURN a.id AS id ORDER BY a.id LIMIT 1`, {});
const CITY = city.id;
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
    raw: (cypher) => cypher(`MATCH (o:PartyOrganization {id: $id}) RETURN o {.id, .name, .kind} AS o`, { id: ORG }),
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
    raw: (cypher) =>
      cypher(
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
    raw: (cypher) =>
      cypher(
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
    raw: (cypher) =>
      cypher(
        `CALL db.index.fulltext.queryNodes('nameSearchPartyOrganization', $t) YIELD node, score
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
    raw: (cypher) =>
      cypher(namedQuery("coverage"), {
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
  {
    name: "network around a committee, depth 2, limit 2000",
    service: () =>
      service(`query($id: ID!) { network(rootIds: [$id], depth: 2, limit: 2000, asOf: "${AS_OF}") { truncated nodes { id } edges { id } } }`, {
        id: ORG,
      }),
    peer: () => peer(`query($id: ID!) { networkOf(id: $id, asOf: "${AS_OF}") { nodes ties } }`, { id: ORG }),
    raw: (cypher) => cypher(networkStatement, { id: ORG, asOf: new neo4j.types.Date(2020, 3, 1) }),
    same: (s, p, r) => {
      const n = s.network;
      const ids = [sorted(n.nodes.map((x) => x.id)), sorted(p.networkOf.nodes), sorted(r[0].result.nodes)];
      const ties = [sorted(n.edges.map((x) => x.id)), sorted(p.networkOf.ties), sorted(r[0].result.ties)];
      return (
        !n.truncated &&
        JSON.stringify(ids[0]) === JSON.stringify(ids[1]) &&
        JSON.stringify(ids[0]) === JSON.stringify(ids[2]) &&
        JSON.stringify(ties[0]) === JSON.stringify(ties[1]) &&
        JSON.stringify(ties[0]) === JSON.stringify(ties[2])
      );
    },
  },
  {
    name: "warningSigns of one city, first 20 (six rules)",
    service: () =>
      service(`query($s: ID) { warningSigns(scope: $s, asOf: "${AS_OF}", first: ${PAGE}) { nodes { id } } }`, { s: CITY }),
    peer: () => peer(`query($s: ID!) { warningSignsOf(scope: $s, asOf: "${AS_OF}") }`, { s: CITY }),
    // As a client of the driver would: the scope's organizations, each rule's page, merged here.
    raw: async (cypher) => {
      const asOf = new neo4j.types.Date(2020, 3, 1);
      const [{ ids }] = await cypher(namedQuery("scope-organizations"), { scope: CITY, asOf });
      const findings = [];
      for (const [code, file, rank, thresholds] of RULES) {
        const typed = Object.fromEntries(Object.entries(thresholds).map(([k, v]) => [k, Number.isInteger(v) ? neo4j.int(v) : v]));
        const rows = await cypher(namedQuery(file), {
          ...typed,
          orgIds: ids,
          asOf,
          rule: code,
          afterName: null,
          afterId: null,
          limit: neo4j.int(PAGE + 1),
        });
        for (const r of rows) findings.push({ rank, name: r.organization.name ?? "", id: `${code}:${r.organization.id}` });
      }
      return findings.sort(byFinding).slice(0, PAGE).map((f) => f.id);
    },
    same: (s, p, r) =>
      JSON.stringify(s.warningSigns.nodes.map((n) => n.id)) === JSON.stringify(p.warningSignsOf) &&
      JSON.stringify(p.warningSignsOf) === JSON.stringify(r),
  },
];

/** ms one run of `fn` took: the wall clock, or what the system reported for its own work (javaRaw). */
async function time(fn) {
  selfTimed = null;
  const start = process.hrtime.bigint();
  await fn();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  return selfTimed ?? wall;
}
const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.ceil(s.length * 0.95) - 1] };
};
const fmt = (x) => (x == null ? "—" : x < 10 ? x.toFixed(1) : x.toFixed(0));

const BEARER = TOKEN ? `Bearer ${TOKEN}` : null;
// A long-running service is what is compared: both servers first answer the questions for WARM_SECONDS
// (4 clients, every question in turn, each asked of the service and then of the peer, so that neither
// sits idle while the other warms), untimed. On 2 cores the JVM goes on compiling a service of this size
// for minutes (measured: the CPU per request of the throughput mix kept falling for 4 minutes, from 7.5
// to 4.7 ms after 2 and 4 minutes of load), V8 sooner; 30 s measured a service still compiling.
// Each client writes a change (or one elsewhere) before every eighth question, so that what the "after a
// change" columns time is warmed too: the questions computed again (not only kept answers served), and what a service
// reads once in the background for the dates it is asked about (the whole graph's coverage and
// findings), which would otherwise run during the timed runs.
const WARM_SECONDS = Number(process.env.WARM_SECONDS ?? 180);
/** 4 clients for `seconds`, client c taking steps k = c, c + 1, ... (each `step(k, c)`), untimed. */
async function warm(seconds, step) {
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 4 }, async (_, c) => {
      for (let k = c; Date.now() < end; k++) await step(k, c);
    }),
  );
}
await warm(WARM_SECONDS, async (k, c) => {
  auth = k % 2 && BEARER ? BEARER : basic;
  // now and then computed again, as after a change, or carried over a change elsewhere
  if (k % 8 === c) await (k % 16 === c ? change() : changeElsewhere());
  await questions[k % questions.length].service();
  await questions[k % questions.length].peer();
  // raw Cypher warmed too: the Java client's JVM compiles its driver's paths as the service's does
  await questions[k % questions.length].raw?.(javaRaw);
  if (RAW_JS) await questions[k % questions.length].raw?.(jsRaw);
});
auth = basic;
const settledAfter = await untilIdle();
console.log(`service ${BASE_URL} (as ${USER}), peer @neo4j/graphql 7.6.3 on Apollo Server 5.5.1 at ${PEER_URL} (${PEER_IN_HARNESS ? "in the harness's process" : `a process of its own, pid ${thePeer.pid}`}), raw Cypher on ${BOLT_URI} through the Java driver (RawCypherClient, a JVM of its own) and the JavaScript driver (this process)`);
console.log(
  `subjects: committee ${ORG}, town ${TOWN}, city ${CITY}; both servers warmed for ${WARM_SECONDS} s${settledAfter == null ? "" : `, then the service's own background work let finish (${settledAfter.toFixed(0)} s more)`}, then ${WARMUP} warm-up and ${RUNS} timed runs each (per question the kept columns first, once the service is idle, the systems taking turns run by run in ${ORDER === "fixed" ? "a fixed cycle" : `an order shuffled each round (seed ${SEED})`}, then those after a change, one system after the other); median / p95 ms`,
);
const rows = [];
for (const q of questions) {
  auth = basic;
  const answers = [await q.service(), await q.peer(), q.raw ? await q.raw(javaRaw) : null];
  const jsAnswers = [answers[0], answers[1], q.raw ? await q.raw(jsRaw) : null];
  if (!q.same(...answers) || !q.same(...jsAnswers)) {
    console.error(`answers differ for ${q.name}:`, JSON.stringify([...answers, jsAnswers[2]]).slice(0, 2000));
    process.exitCode = 1;
    continue;
  }
  const figures = {};
  // The kept columns of all three first, once the service's background work after the previous
  // question's changes has finished (it shares the machine with raw Cypher and the peer too), the
  // systems taking turns run by run (the first of each round rotating), so that a moment of the
  // machine weighs on all of them alike: a block of 30 runs of one kept answer, every request a hit
  // from memory and no statement run, moved by 2-4x from one block to the next. Then the columns
  // after a change, one system after the other: in turns, each system's change would also come
  // between two of the service's runs, and the service alone answers for what the others' writes
  // leave it to do (run 12 of the README).
  await untilIdle();
  const warm = async (fn, how) => {
    auth = how ?? basic;
    for (let i = 0; i < WARMUP; i++) await fn();
  };
  const kept = [
    ["basic", q.service, basic],
    ["token", BEARER && q.service, BEARER],
    ["peer", q.peer],
    ["raw", q.raw && (() => q.raw(javaRaw))],
    ["rawJs", RAW_JS && q.raw && (() => q.raw(jsRaw))],
  ].filter(([, fn]) => fn);
  const times = Object.fromEntries(kept.map(([who]) => [who, []]));
  for (const [, fn, how] of kept) await warm(fn, how);
  for (let i = 0; i < RUNS; i++)
    for (const k of turnOrder(kept.length, i)) {
      const [who, fn, how] = kept[k];
      auth = how ?? basic;
      times[who].push(await time(fn));
    }
  for (const [who] of kept) figures[who] = stat(times[who]);
  for (const [who, fn, how, elsewhere] of [
    ["changed", q.service, basic, false],
    ["elsewhere", q.service, basic, true],
    ["peerChanged", q.peer, null, false],
    ["rawChanged", q.raw && (() => q.raw(javaRaw)), null, false],
  ]) {
    if (!fn) continue;
    await warm(fn, how);
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      await settledChange(elsewhere);
      runs.push(await time(fn));
    }
    figures[who] = stat(runs);
  }
  rows.push({ name: q.name, ...figures });
}
auth = basic;
const pad = (s, n) => String(s).padEnd(n);
const cell = (f) => (f ? `${fmt(f.median)} / ${fmt(f.p95)}` : "—");
const ratio = (a, b) => (a && b ? `${(a.median / b.median).toFixed(2)}×` : "—");
console.log(
  `raw: Cypher through the Java driver, timed by its own client; raw, JS: through the JavaScript driver, in the harness\n` +
    `| question | service, Basic | service, token | peer | raw | raw, JS | Basic / peer | token / peer | Basic / raw | token / raw | after a change: service (Basic), peer, raw | service / peer | service / raw | after a change elsewhere: service (Basic) | service / peer |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|`,
);
for (const r of rows) {
  console.log(
    `| ${r.name} | ${cell(r.basic)} | ${cell(r.token)} | ${cell(r.peer)} | ${cell(r.raw)} | ${cell(r.rawJs)} | ${ratio(r.basic, r.peer)} | ${ratio(r.token, r.peer)} | ${ratio(r.basic, r.raw)} | ${ratio(r.token, r.raw)} | ${cell(r.changed)}, ${cell(r.peerChanged)}, ${cell(r.rawChanged)} | ${ratio(r.changed, r.peerChanged)} | ${ratio(r.changed, r.rawChanged)} | ${cell(r.elsewhere)} | ${ratio(r.elsewhere, r.peerChanged)} |`,
  );
}

// The floor under `{ __typename }`: what this client takes for an HTTP request that does nothing, so
// that the goal of 0.7x the peer can be read against it. A server answering every request with the
// same bytes (no GraphQL, no user), once in this harness's process and once in a process of its own
// (as the service must be), timed in turns with the service and the peer, the peer in both places.
const constant = await listen();
const inProcess = `http://127.0.0.1:${constant.address().port}/`;
const floorChild = await serverProcess("constant-server.mjs");
const ownProcess = `http://127.0.0.1:${floorChild.line}/`;
{
  // the peer where the tables above do not run it too: what its place costs it
  const otherPeer = PEER_IN_HARNESS ? await spawnPeer() : await startPeer(BOLT_URI, BOLT_PASSWORD);
  const [peerOwn, peerHarness] = PEER_IN_HARNESS ? [otherPeer.url, PEER_URL] : [PEER_URL, otherPeer.url];
  const floor = [
    ["service, Basic", () => service("{ __typename }")],
    ["peer, a process of its own", () => graphql(peerOwn, "{ __typename }")],
    ["peer, the harness's process", () => graphql(peerHarness, "{ __typename }")],
    ["constant, the harness's process", () => graphql(inProcess, "{ __typename }")],
    ["constant, a process of its own", () => graphql(ownProcess, "{ __typename }")],
  ];
  const times = floor.map(() => []);
  auth = basic;
  for (let i = 0; i < WARMUP * 100; i++) for (const [, fn] of floor) await fn();
  await untilIdle();
  for (let i = 0; i < RUNS * 10; i++)
    for (const k of turnOrder(floor.length, i)) {
      times[k].push(await time(floor[k][1]));
    }
  const [svc, prOwn, prHarness, here, own] = times.map(stat);
  const pr = PEER_IN_HARNESS ? prHarness : prOwn;
  const ms = (f) => `${f.median.toFixed(2)} / ${f.p95.toFixed(2)}`;
  console.log(
    `\nthe floor under { __typename }: ${RUNS * 10} runs each in turns, after ${WARMUP * 100} untimed; median / p95 ms; the tables' peer is the one ${PEER_IN_HARNESS ? "in the harness's process" : "in a process of its own"}\n` +
      `| service, Basic | peer, a process of its own | peer, the harness's process | a constant answer, the harness's process | a constant answer, a process of its own | 0.7x the tables' peer | service / constant of its own |\n|---|---|---|---|---|---|---|\n` +
      `| ${ms(svc)} | ${ms(prOwn)} | ${ms(prHarness)} | ${ms(here)} | ${ms(own)} | ${(0.7 * pr.median).toFixed(2)} | ${(svc.median / own.median).toFixed(2)}× |`,
  );
  await otherPeer.stop();
  await floorChild.stop();
  constant.close();
}

// Throughput: concurrent clients, each asking the first four questions in turn for SECONDS.
const mix = questions.slice(0, 4);
async function load(system, how, clients, changeEveryMs = 0) {
  auth = how ?? basic;
  const end = Date.now() + SECONDS * 1000;
  const changer = changeEveryMs
    ? (async () => {
        while (Date.now() < end) {
          await change();
          await new Promise((r) => setTimeout(r, changeEveryMs));
        }
      })()
    : null;
  const latencies = [];
  let errors = 0;
  let peak = rss() ?? 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rss() ?? 0)), 250);
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let k = c; Date.now() < end; k++) {
        const q = mix[k % mix.length];
        const start = process.hrtime.bigint();
        try {
          await q[system]();
        } catch {
          errors++;
        }
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }),
  );
  clearInterval(sampler);
  await changer;
  const s = [...latencies].sort((a, b) => a - b);
  return {
    rps: latencies.length / SECONDS,
    p99: s[Math.ceil(s.length * 0.99) - 1],
    errors,
    rss: system === "service" ? peak : null,
  };
}
console.log(`\nthroughput: ${SECONDS} s per run, a rotating mix of the first ${mix.length} questions`);
// The mix repeats four questions, which the service keeps until the graph changes: the column "Basic,
// changing" runs it while a writer changes the graph every CHANGE_EVERY ms (100), so that most answers
// are computed again, as under a department's steady trickle of edits (and far more often).
const CHANGE_EVERY = Number(process.env.CHANGE_EVERY ?? 100);
console.log(`| clients | service, Basic: req/s, p99 ms, errors | service, token | service, Basic, a change every ${CHANGE_EVERY} ms | peer | Basic / peer | token / peer | changing / peer | service RSS peak MB |\n|---|---|---|---|---|---|---|---|---|`);
for (const clients of CLIENTS) {
  const b = await load("service", basic, clients);
  const t = BEARER ? await load("service", BEARER, clients) : null;
  const c = await load("service", basic, clients, CHANGE_EVERY);
  const p = await load("peer", null, clients);
  const show = (x) => (x ? `${x.rps.toFixed(0)}, ${fmt(x.p99)}, ${x.errors}` : "—");
  console.log(
    `| ${clients} | ${show(b)} | ${show(t)} | ${show(c)} | ${show(p)} | ${(b.rps / p.rps).toFixed(2)}× | ${t ? (t.rps / p.rps).toFixed(2) + "×" : "—"} | ${(c.rps / p.rps).toFixed(2)}× | ${Math.max(b.rss ?? 0, t?.rss ?? 0, c.rss ?? 0).toFixed(0) || "—"} |`,
  );
}
auth = basic;
if (child) console.log(`service RSS at the end: ${rss().toFixed(0)} MB (-Xmx${HEAP} ${JVM_OPTS}, page cache ${PAGE_CACHE})`);
await thePeer.stop();

// The same questions of the service on the sample (SAMPLE_DIR), whose first city, town and committee
// (by id) have the shape of the province's: how each question's cost grows with the graph around it.
// Both services run side by side (the province's stays up, idle while the sample's warms) and are
// timed in turns, one run of the province's then one of the sample's, so that what differs between the
// two columns is the graph and not the moment, the machine's state or the JIT's progress.
if (child && process.env.SAMPLE_DIR) {
  const province = { process: child, base: BASE_URL, driver };
  const dir = resolve(process.env.SAMPLE_DIR);
  const started = await startService(dir, resolve(process.env.SAMPLE_KEYSET ?? `${dir}/../keys/personal-data.json`));
  const sample = {
    process: started.process,
    base: started.base,
    driver: neo4j.driver(started.bolt, neo4j.auth.basic("neo4j", readFileSync(`${dir}/bolt-password`, "utf8").trim())),
  };
  const use = (s) => {
    BASE_URL = s.base;
    driver = s.driver;
  };
  auth = basic;
  use(sample);
  // longer than the province's first warm-up: the province's service has by now been under load for
  // the whole run, and the JIT's progress should not be what the growth shows
  const SAMPLE_WARM_SECONDS = Number(process.env.SAMPLE_WARM_SECONDS ?? 300);
  await warm(SAMPLE_WARM_SECONDS, async (k, c) => {
    if (k % 8 === c) await change();
    await questions[k % questions.length].service();
  });
  // more runs than the main table's: kept answers take 1–3 ms, where one run's moments weigh
  const GROWTH_RUNS = Number(process.env.GROWTH_RUNS ?? 100);
  const idle = await untilIdle(province.process, sample.process);
  console.log(
    `\nthe same questions of the service on the sample (${dir}), both services up side by side (the sample's warmed for ${SAMPLE_WARM_SECONDS} s, then both idle after ${idle.toFixed(0)} s more), timed in turns, one run on the province then one on the sample, ${WARMUP} warm-up and ${GROWTH_RUNS} timed runs each; Basic, median / p95 ms, and the growth province / sample, kept and after a change (a change to each one's own committee, 20 ms before each run)`,
  );
  console.log(`| question | province | sample | growth | province, after a change | sample, after a change | growth after a change |\n|---|---|---|---|---|---|---|`);
  const growth = (a, b) => (a && b ? (a.median / b.median).toFixed(2) + "×" : "—");
  // `runs` rounds of one run on the province then one on the sample, each after `before` (if any)
  const inTurns = async (fn, runs, before) => {
    const times = { province: [], sample: [] };
    for (let i = 0; i < runs; i++)
      for (const [name, s] of [["province", province], ["sample", sample]]) {
        use(s);
        if (before) await before();
        times[name].push(await time(fn));
      }
    return { province: stat(times.province), sample: stat(times.sample) };
  };
  for (const q of questions) {
    await inTurns(q.service, WARMUP);
    const kept = await inTurns(q.service, GROWTH_RUNS);
    const changed = await inTurns(q.service, GROWTH_RUNS, settledChange);
    const [kp, ks, cp, cs] = [kept.province, kept.sample, changed.province, changed.sample];
    console.log(`| ${q.name} | ${cell(kp)} | ${cell(ks)} | ${growth(kp, ks)} | ${cell(cp)} | ${cell(cs)} | ${growth(cp, cs)} |`);
  }
  for (const s of [province, sample]) {
    use(s);
    await removeMarker();
    await s.driver.close();
  }
  await stopService(sample.process);
} else {
  await removeMarker();
  await driver.close();
}
javaRawClient.stop();
if (child) await stopService(child);

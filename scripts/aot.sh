#!/usr/bin/env bash
# The production way to run the packaged service (JDK 25): the jar extracted to a plain class path, with
# an AOT cache of its loaded and linked classes and method profiles. A start then takes about half the
# time of `java -jar` (README, *Starting, stopping, memory*).
#
#   scripts/aot.sh [dir, default app]     after mvn package -DskipTests; JAVA_HOME a JDK >= 25; JAR=… another jar
#
# 1. extracts target/party-graph-*.jar into DIR (java -Djarmode=tools … extract);
# 2. trains the cache: one first start with the demo profile on a throwaway store (the sample's load
#    included), one answer, then a stop: the JVM writes DIR/app.aot as it exits;
# 3. prints the command that starts the service with it (add your own --spring… arguments).
# The cache belongs to that jar and that JDK: run the script again after either changes (a JVM given a
# cache that does not match says so and starts without it).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-app}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
major=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)
if [ "$major" -lt 25 ]; then
  echo "The AOT cache needs JDK 25 or newer; $java is JDK $major (set JAVA_HOME)" >&2
  exit 1
fi
jar="${JAR:-$(ls target/party-graph-*.jar | grep -v original | head -1)}"
rm -rf "$dir"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
app="$dir/$(basename "$jar")"

work=$(mktemp -d)
port=18199
pid=""
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
started=$(date +%s)
"$java" @ops/sample-memory.jvm --sun-misc-unsafe-memory-access=allow -XX:AOTCacheOutput="$dir/app.aot" -Xlog:aot*=off \
  -jar "$app" --spring.profiles.active=demo --server.port=$port --party-graph.neo4j.embedded.bolt-port=0 \
  --party-graph.neo4j.embedded.directory="$work/neo4j" --party-graph.personal-data.keyset-file="$work/keys/k.json" \
  > "$work/log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP; do
  kill -0 $pid 2>/dev/null || { echo "the training run stopped; its log:" >&2; tail -30 "$work/log" >&2; exit 1; }
  sleep 0.5
done
curl -sf -u viewer:viewer-demo -H 'Content-Type: application/json' \
  --data '{"query":"{ partyOrganizations(nameContains: \"城北大社区\", first: 1) { totalCount nodes { name } } }"}' \
  "http://127.0.0.1:$port/graphql" | grep -q '城北大社区党委' || { echo "the training run did not answer" >&2; exit 1; }
kill $pid
wait $pid 2>/dev/null || true
pid=""
[ -s "$dir/app.aot" ] || { echo "no cache written; the training run's log:" >&2; tail -30 "$work/log" >&2; exit 1; }
echo "AOT cache $dir/app.aot ($(du -h "$dir/app.aot" | cut -f1)) trained in $(( $(date +%s) - started )) s. Start with:"
echo "  java @ops/sample-memory.jvm --sun-misc-unsafe-memory-access=allow -XX:AOTCache=$dir/app.aot -Xlog:aot*=off -jar $app --spring.profiles.active=demo"

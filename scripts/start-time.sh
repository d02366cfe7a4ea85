#!/usr/bin/env bash
# Start-up benchmark of the packaged service with the demo profile and the sample graph: launch to
# the first GraphQL answer that holds the sample (readiness UP, which waits for the sample's load,
# then a lookup by name answered), and the
# process's RSS then, for a first start (empty store: the sample is generated and loaded) and a
# restart on that store, in three ways of running the same jar:
#   jar        java -jar target/party-graph-*.jar          (classes read from nested jars)
#   extracted  the jar extracted once (java -Djarmode=tools -jar … extract): plain class path
#   aot        extracted, plus a JDK 25 AOT cache of classes and method profiles, made by
#              scripts/aot.sh (a training run: a first start, then stopped) and used by the measured runs
# Usage: scripts/start-time.sh [heap, default 512m]   (build first: mvn package -DskipTests; JAR=… another jar;
#        WAYS="jar aot" to measure only some ways; JVM_OPTS="…" instead of ops/sample-memory.jvm)
# Prints one table. Needs curl and a JDK >= 21 as java (JAVA_HOME); aot is skipped before JDK 25.
set -euo pipefail
cd "$(dirname "$0")/.."
heap="${1:-512m}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="${JAR:-$(ls target/party-graph-*.jar | grep -v original | head -1)}"
major=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)
work=$(mktemp -d)
port=18181
pid=""
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
# The service's memory options for the sample, as .ci/run and spring-boot:run use them; the heap given
# here comes after them, so it wins.
read -r -a memory <<< "${JVM_OPTS:-@ops/sample-memory.jvm}"
# No --add-opens: the jar's manifest carries them (Add-Opens), and an AOT cache trained without them on
# the command line (scripts/aot.sh) is refused by a JVM given them.
opts=("${memory[@]}" -Xmx"$heap")
[ "$major" -ge 23 ] && opts+=(--sun-misc-unsafe-memory-access=allow)

now() { date +%s.%N; }
# start WAY WHEN DIR JAR [java options…]: launches, waits for the first answer with the sample, prints a row
start() {
  local way=$1 when=$2 dir=$3 app=$4; shift 4
  local t0 t1 answer rss
  t0=$(now)
  "$java" "${opts[@]}" "$@" -jar "$app" --spring.profiles.active=demo --server.port=$port \
    --party-graph.neo4j.embedded.bolt-port=0 --party-graph.neo4j.embedded.directory="$dir/neo4j" \
    --party-graph.personal-data.keyset-file="$dir/keys/k.json" > "$dir/log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP; do
    kill -0 $pid 2>/dev/null || { echo "the service stopped; its log: $dir/log" >&2; tail -20 "$dir/log" >&2; exit 1; }
    sleep 0.1
  done
  answer=$(curl -sf -u viewer:viewer-demo -H 'Content-Type: application/json' \
    --data '{"query":"{ partyOrganizations(nameContains: \"城北大社区\", first: 1) { totalCount nodes { name } } }"}' \
    "http://127.0.0.1:$port/graphql")
  t1=$(now)
  [[ "$answer" == *'城北大社区党委'* ]] || { echo "unexpected answer: $answer" >&2; exit 1; }
  rss=$(ps -o rss= -p $pid)
  printf '| %-9s | %-11s | %6.1f | %6d |\n' "$way" "$when" "$(echo "$t1 - $t0" | bc)" $((rss / 1024))
}
stop() { kill $pid; wait $pid 2>/dev/null || true; pid=""; }
# ways WAY JAR [java options…]: a first start on an empty store, then a restart on it
way() {
  local way=$1 app=$2; shift 2
  local dir="$work/$way"; mkdir -p "$dir"
  start "$way" "first start" "$dir" "$app" "$@"; stop
  start "$way" "restart" "$dir" "$app" "$@"; stop
}

ways="${WAYS:-jar extracted aot}"
echo "JDK $major, ${memory[*]} -Xmx$heap, $(nproc) cores, $(basename "$jar"); launch to the first answer with the sample"
echo
echo "| way       | start       | s      | RSS MB |"
echo "|---|---|---|---|"
[[ " $ways " == *" jar "* ]] && way jar "$jar"
if [[ " $ways " == *" extracted "* ]]; then
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
  way extracted "$work/app/$(basename "$jar")"
fi
if [ "$major" -ge 25 ] && [[ " $ways " == *" aot "* ]]; then
  # The cache as the production start makes it (scripts/aot.sh: extracted, one training start, stopped).
  JAR="$jar" scripts/aot.sh "$work/aot" >/dev/null
  way aot "$work/aot/$(basename "$jar")" -XX:AOTCache="$work/aot/app.aot" -Xlog:aot*=off
fi

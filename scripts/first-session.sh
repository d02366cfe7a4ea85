#!/usr/bin/env bash
# The README's first session, as a script that runs as written: each step is one GraphQL operation,
# and the ids a step creates are carried into the next. Needs curl; the service running with the demo
# profile (README, "The two commands"). Usage: scripts/first-session.sh [http://localhost:8080]
set -euo pipefail
base="${1:-http://localhost:8080}"
user="${PARTY_GRAPH_USER:-editor:editor-demo}"
tag="$(date +%H%M%S)"

# One operation; prints the answer, fails on an error.
gql() {
  local answer
  answer=$(curl -sS -u "$user" -H 'Content-Type: application/json' --data "$(printf '{"query": %s}' "$(json "$1")")" "$base/graphql")
  if [[ "$answer" == *'"errors"'* ]]; then echo "refused: $answer" >&2; exit 1; fi
  echo "$answer"
}
# A JSON string of a text.
json() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\n'/ }; printf '"%s"' "$s"; }
# The first "id" in an answer.
id() { sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$1" | head -n1; }

echo "1. 新建镇 (a town)"
town=$(id "$(gql "mutation { createArea(input: {name: \"测试镇$tag\", kind: TOWN}) { area { id } } }")")
echo "   $town"
echo "2. 新建大社区 (a big community) and 3. place it in the town"
big=$(id "$(gql "mutation { createArea(input: {name: \"滨江大社区$tag\", kind: BIG_COMMUNITY}) { area { id } } }")")
gql "mutation { addTie(input: {kind: AREA_INCLUSION, fromId: \"$big\", toId: \"$town\", since: \"2019-03-01\"}) { tie { id } } }" >/dev/null
echo "   $big ⊂ $town"
echo "4. 新建大社区党委 (its committee) and 5. it leads the big community"
committee=$(id "$(gql "mutation { createPartyOrganization(input: {name: \"滨江大社区党委$tag\", kind: COMMITTEE, sector: BIG_COMMUNITY}) { partyOrganization { id } } }")")
gql "mutation { addTie(input: {kind: AREA_LEADERSHIP, fromId: \"$committee\", toId: \"$big\", since: \"2019-03-01\"}) { tie { id } } }" >/dev/null
echo "   $committee"
echo "6. 新建物业企业 (a property company) and 7. a person"
unit=$(id "$(gql "mutation { createUnit(input: {name: \"海韵物业有限公司$tag\", kind: PROPERTY_COMPANY}) { unit { id } } }")")
person=$(id "$(gql "mutation { createPerson(input: {name: \"林晓梅$tag\"}) { person { id } } }")")
echo "   $unit, $person"
echo "8. 兼职委员 (a part-time committee member on behalf of the company)"
gql "mutation { addTie(input: {kind: POST, fromId: \"$person\", toId: \"$committee\", role: PART_TIME_MEMBER, onBehalfOfId: \"$unit\", since: \"2019-03-01\"}) { tie { id } } }" >/dev/null
echo "9. 查询 (the committee with its posts)"
gql "{ partyOrganization(id: \"$committee\") { name posts { role onBehalfOf { name } person { name } } } }"
echo
echo "Open $base/network/index.html#$committee to see it drawn."

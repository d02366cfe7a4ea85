// title: Part-time committee members of each big-community committee and the units they represent
// title_zh: 各大社区党委兼职委员及其代表单位
// description: Active PART_TIME_MEMBER posts on big-community committees as of asOf, with the unit each
// description: member represents and its kind.
// param asOf: Date! = 2020-03-01
MATCH (c:PartyOrganization {sector: 'BIG_COMMUNITY'})<-[h:HOLDS_POST {role: 'PART_TIME_MEMBER'}]-(p:Person)
WHERE (h.since IS NULL OR h.since <= $asOf) AND (h.until IS NULL OR h.until > $asOf)
OPTIONAL MATCH (u:Unit {id: h.onBehalfOf})
RETURN c.name AS committee, p.name AS member, u.name AS unit, u.kind AS unitKind, h.since AS since
ORDER BY committee, unitKind, unit

// title: The organizations below a Party organization, level by level
// title_zh: 党组织下级组织（隶属层级）
// description: Every organization that reports to the given one directly or through others, as of asOf,
// description: with its depth below it.
// param organization: ID! = org-c000-0000002
// param asOf: Date! = 2020-03-01
MATCH path = (o:PartyOrganization)-[:REPORTS_TO*1..8]->(root:PartyOrganization {id: $organization})
WHERE all(r IN relationships(path) WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf))
RETURN length(path) AS depth, o.name AS organization, o.kind AS kind, o.sector AS sector
ORDER BY depth, organization

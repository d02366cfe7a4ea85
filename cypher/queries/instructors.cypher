// title: Party-building instructors and the units they serve
// title_zh: 党建指导员及其指导的单位
// description: Active INSTRUCTS ties as of asOf, with the instructor's own unit and organization.
// param asOf: Date! = 2020-03-01
MATCH (p:Person)-[i:INSTRUCTS]->(u:Unit)
WHERE (i.since IS NULL OR i.since <= $asOf) AND (i.until IS NULL OR i.until > $asOf)
OPTIONAL MATCH (p)-[:WORKS_AT]->(home:Unit)
OPTIONAL MATCH (p)-[:MEMBER_OF]->(o:PartyOrganization)
RETURN p.name AS instructor, home.name AS worksAt, o.name AS organization, u.name AS unit, u.kind AS unitKind, i.since AS since
ORDER BY instructor, unit

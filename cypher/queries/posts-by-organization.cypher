// title: Posts held in a Party organization, part-time members with the units they represent
// title_zh: 党组织班子成员及兼职委员所代表单位
// description: Active posts of the organization as of asOf; for part-time committee members, the unit
// description: they sit for.
// param organization: ID! = org-c000-0000003
// param asOf: Date! = 2020-03-01
MATCH (p:Person)-[h:HOLDS_POST]->(o:PartyOrganization {id: $organization})
WHERE (h.since IS NULL OR h.since <= $asOf) AND (h.until IS NULL OR h.until > $asOf)
OPTIONAL MATCH (u:Unit {id: h.onBehalfOf})
RETURN h.role AS role, p.name AS person, h.since AS since, u.name AS onBehalfOf, u.kind AS unitKind
ORDER BY role, person

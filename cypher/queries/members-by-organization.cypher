// title: Members of a Party organization with their status and posts
// title_zh: 党组织党员名册（党员类别与职务）
// description: Active members of the organization as of asOf, formal or probationary, with any post they hold
// description: there; ordered by post, then name.
// param organization: ID! = org-c000-0000004
// param asOf: Date! = 2020-03-01
MATCH (p:Person)-[m:MEMBER_OF]->(o:PartyOrganization {id: $organization})
WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
OPTIONAL MATCH (p)-[h:HOLDS_POST]->(o)
WHERE (h.since IS NULL OR h.since <= $asOf) AND (h.until IS NULL OR h.until > $asOf)
RETURN p.id AS person, p.name AS name, m.status AS status, m.since AS memberSince, collect(h.role) AS posts
ORDER BY size(posts) DESC, name

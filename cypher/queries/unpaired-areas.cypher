// title: Communities with no active pairing
// title_zh: 未结对的社区
// description: Communities, villages and 居 (inside scopeAreaIds when given) with no active pairing, as of
// description: asOf, neither to the area itself nor to the Party organization leading it.
// param scopeAreaIds: [String] = null
// param asOf: Date! = 2020-03-01
MATCH (a:Area)
WHERE a.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD'] AND ($scopeAreaIds IS NULL OR a.id IN $scopeAreaIds)
  AND NOT EXISTS { MATCH ()-[p:PAIRED_WITH]->(a) WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf) }
  AND NOT EXISTS { MATCH ()-[p:PAIRED_WITH]->(:PartyOrganization)-[:LEADS]->(a)
                   WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf) }
OPTIONAL MATCH (a)-[:PART_OF]->(parent:Area)
RETURN a {.*, __type: 'Area'} AS area, parent.name AS partOf
ORDER BY partOf, a.name

// title: Bridges: units and organizations that tie the most communities together, and through which channels
// title_zh: 共建纽带（联系社区最多的单位和党组织及其渠道）
// description: For every unit or Party organization: the distinct communities, villages and 居 it is tied to
// description: as of asOf, through pairings (to the area or the organization leading it), contracted grids,
// description: resources serving it, or a part-time seat on the organization leading it. Inside the scope's
// description: communities when scopeAreaIds is given. Ranked by communities, first first.
// param scopeAreaIds: [String] = null
// param asOf: Date! = 2020-03-01
// param first: Int! = 20
CALL () {
  MATCH (x:Unit|PartyOrganization)-[p:PAIRED_WITH]->(c:Area)
  WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf)
  RETURN x, c, 'PAIRING' AS channel
  UNION
  MATCH (x:Unit|PartyOrganization)-[p:PAIRED_WITH]->(:PartyOrganization)-[:LEADS]->(c:Area)
  WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf)
  RETURN x, c, 'PAIRING' AS channel
  UNION
  MATCH (x:Unit)-[k:CONTRACTS]->(:Grid)-[:PART_OF]->(c:Area)
  WHERE (k.since IS NULL OR k.since <= $asOf) AND (k.until IS NULL OR k.until > $asOf)
  RETURN x, c, 'CONTRACTED_GRID' AS channel
  UNION
  MATCH (x:Unit|PartyOrganization)-[v:PROVIDES]->(:Resource)-[:SERVES]->(c:Area)
  WHERE (v.since IS NULL OR v.since <= $asOf) AND (v.until IS NULL OR v.until > $asOf)
  RETURN x, c, 'RESOURCE' AS channel
  UNION
  MATCH (:Person)-[h:HOLDS_POST {role: 'PART_TIME_MEMBER'}]->(:PartyOrganization)-[:LEADS]->(c:Area)
  WHERE h.until IS NULL OR h.until > $asOf
  MATCH (x:Unit {id: h.onBehalfOf})
  RETURN x, c, 'PART_TIME_SEAT' AS channel
}
WITH x, c, channel
WHERE c.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD', 'BIG_COMMUNITY'] AND ($scopeAreaIds IS NULL OR c.id IN $scopeAreaIds)
WITH x, count(DISTINCT c) AS communities, collect(DISTINCT channel) AS channels, collect(DISTINCT c.name)[..10] AS examples
ORDER BY communities DESC, x.name, x.id
LIMIT $first
RETURN x {.*, __type: [l IN labels(x) WHERE l <> 'Entity'][0]} AS node, communities, channels, examples

// title: Two hops of a network in one statement: the neighbours of some nodes, then theirs
// title_zh: 关系网络一次扩展两跳（相邻节点、再相邻节点与关系）
// description: The first level exactly as network-expand (ties and nodes of the given ids, known
// description: empty); then, when the first level cut nothing (fewer ties than limit, the given nodes
// description: and the ends together no more than most), the second level as network-expand would
// description: read it next: the active ties of the first level's new ends, at most limit, the nodes
// description: not read at the first level. second holds that level's row, or nothing when the first
// description: was cut (or found no new end). The network query of depth 2 or more sends this one
// description: statement for its first two levels instead of two.
// param ids: [String]! = ["area-c000-0000015"]
// param relationshipTypes: [String] = null
// param nodeTypes: [String] = null
// param asOf: Date! = 2020-03-01
// param limit: Int! = 200
// param most: Int! = 50
CALL () {
  MATCH (n:Entity)-[r]-(m:Entity)
  WHERE n.id IN $ids
    AND ($relationshipTypes IS NULL OR type(r) IN $relationshipTypes)
    AND ($nodeTypes IS NULL OR any(l IN labels(m) WHERE l IN $nodeTypes))
    AND (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
  WITH DISTINCT r, startNode(r) AS s, endNode(r) AS e
  ORDER BY r.id
  LIMIT $limit
  RETURN collect({id: r.id, type: type(r), source: s.id, target: e.id, properties: properties(r)}) AS ties,
    collect(s) + collect(e) AS ends
}
WITH ties, COLLECT {
  UNWIND ends + COLLECT { MATCH (x:Entity) WHERE x.id IN $ids RETURN x } AS n
  RETURN DISTINCT n
} AS first
WITH ties, first, [n IN first WHERE NOT n.id IN $ids | n.id] AS frontier, [n IN first | n.id] AS known
RETURN ties, [n IN first | n {.*, __type: [l IN labels(n) WHERE l <> 'Entity'][0]}] AS nodes, COLLECT {
  WITH * WHERE size(ties) < $limit AND size(first) <= $most AND size(frontier) > 0
  CALL (frontier) {
    MATCH (n:Entity)-[r]-(m:Entity)
    WHERE n.id IN frontier
      AND ($relationshipTypes IS NULL OR type(r) IN $relationshipTypes)
      AND ($nodeTypes IS NULL OR any(l IN labels(m) WHERE l IN $nodeTypes))
      AND (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
    WITH DISTINCT r, startNode(r) AS s, endNode(r) AS e
    ORDER BY r.id
    LIMIT $limit
    RETURN collect({id: r.id, type: type(r), source: s.id, target: e.id, properties: properties(r)}) AS ties2,
      collect(s) + collect(e) AS ends2
  }
  RETURN {ties: ties2, nodes: COLLECT {
    UNWIND ends2 AS n
    WITH DISTINCT n WHERE NOT n.id IN known
    RETURN n {.*, __type: [l IN labels(n) WHERE l <> 'Entity'][0]}
  }}
} AS second

// title: One hop of a network: the neighbours of some nodes and the ties to them
// title_zh: 关系网络扩展一跳（相邻节点与关系）
// description: The active ties (as of asOf) of the nodes with the given ids, restricted to relationship
// description: types and node types when given, at most limit ties, nearest ids first, as one row:
// description: ties (id, type, source, target, properties, in the order of their ids) and nodes (the
// description: given nodes and the ties' ends, each once, less those whose ids are in known). The
// description: network query calls it once per level of depth, the first time with the roots' ids and
// description: nothing known; each node is read once, not once per tie.
// param ids: [String]! = ["area-c000-0000015"]
// param relationshipTypes: [String] = null
// param nodeTypes: [String] = null
// param asOf: Date! = 2020-03-01
// param limit: Int! = 200
// param known: [String] = null
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
WITH ties, ends + COLLECT { MATCH (x:Entity) WHERE x.id IN $ids RETURN x } AS nodes
RETURN ties, COLLECT {
  UNWIND nodes AS n
  WITH DISTINCT n WHERE NOT n.id IN coalesce($known, [])
  RETURN n {.*, __type: [l IN labels(n) WHERE l <> 'Entity'][0]}
} AS nodes

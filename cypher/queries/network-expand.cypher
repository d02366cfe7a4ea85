// title: One hop of a network: the neighbours of some nodes and the ties to them
// title_zh: 关系网络扩展一跳（相邻节点与关系）
// description: The active ties (as of asOf) of the nodes with the given ids, restricted to relationship
// description: types and node types when given, at most limit ties, nearest ids first. The network query
// description: calls it once per level of depth.
// param ids: [String]! = ["area-c000-0000015"]
// param relationshipTypes: [String] = null
// param nodeTypes: [String] = null
// param asOf: Date! = 2020-03-01
// param limit: Int! = 200
MATCH (n:Entity)-[r]-(m:Entity)
WHERE n.id IN $ids
  AND ($relationshipTypes IS NULL OR type(r) IN $relationshipTypes)
  AND ($nodeTypes IS NULL OR any(l IN labels(m) WHERE l IN $nodeTypes))
  AND (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
WITH DISTINCT r, startNode(r) AS s, endNode(r) AS e
ORDER BY r.id
LIMIT $limit
RETURN r.id AS id, type(r) AS type, s.id AS source, e.id AS target, properties(r) AS properties,
  s {.*, __type: [l IN labels(s) WHERE l <> 'Entity'][0]} AS sourceNode,
  e {.*, __type: [l IN labels(e) WHERE l <> 'Entity'][0]} AS targetNode

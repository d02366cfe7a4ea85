// title: The shortest ties between two nodes
// title_zh: 两个节点之间的最短关系路径
// description: A shortest path of active ties (as of asOf) between the two nodes, at most maxDepth ties long
// description: (and never more than 8); no row when there is none. With within (the ids of a user's
// description: jurisdiction), only through nodes among them.
// param fromId: ID! = unit-c000-0000001
// param toId: ID! = area-c000-0000015
// param maxDepth: Int! = 6
// param asOf: Date! = 2020-03-01
// param within: [String] = null
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
MATCH p = shortestPath((a)-[*..8]-(b))
WHERE length(p) <= $maxDepth
  AND ($within IS NULL OR all(n IN nodes(p) WHERE n.id IN $within))
  AND all(r IN relationships(p) WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf))
RETURN [n IN nodes(p) | n {.*, __type: [l IN labels(n) WHERE l <> 'Entity'][0]}] AS nodes,
       [r IN relationships(p) | {id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r)}] AS edges

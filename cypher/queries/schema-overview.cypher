// title: What the graph holds: nodes per label and relationships per type
// title_zh: 图谱概况（各标签节点数、各类型关系数）
// description: Counts per label and per relationship type, read from Neo4j's count store.
CALL db.labels() YIELD label
CALL (label) { MATCH (n:$(label)) RETURN count(n) AS count }
RETURN 'node' AS kind, label AS name, count
UNION ALL
CALL db.relationshipTypes() YIELD relationshipType
CALL (relationshipType) { MATCH ()-[r:$(relationshipType)]->() RETURN count(r) AS count }
RETURN 'relationship' AS kind, relationshipType AS name, count

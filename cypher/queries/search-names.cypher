// title: Full-text search over names (Chinese works)
// title_zh: 名称全文检索（支持中文）
// description: Nodes whose name matches the text in the nameSearch index (CJK analyzer), best first.
// param text: String! = 城北
// param first: Int! = 20
CALL db.index.fulltext.queryNodes('nameSearch', $text, {limit: $first}) YIELD node, score
RETURN node.id AS id, [l IN labels(node) WHERE l <> 'Entity'][0] AS type, node.name AS name, score
ORDER BY score DESC

// title: The areas inside a scope
// title_zh: 范围内的区域
// description: For an area: it and the areas part of it. For a Party organization: the areas it and the
// description: organizations reporting to it lead, with their parts. As of asOf.
// param scope: ID! = area-c000-0000002
// param asOf: Date! = 2020-03-01
// include: scope
RETURN [a IN areas | a.id] AS ids

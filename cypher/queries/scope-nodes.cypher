// title: The nodes inside a scope
// title_zh: 范围内的节点
// description: The ids of the areas, Party organizations and units inside a scope, by the one definition
// description: of a scope (README, "Scope"): what the exports of a scope start from, before they add
// description: every node tied to these by an active tie.
// param scope: ID! = area-c000-0000015
// param asOf: Date! = 2020-03-01
// include: scope
// include: scope-members
RETURN [a IN areas | a.id] + [o IN orgs | o.id] + [u IN units | u.id] AS ids

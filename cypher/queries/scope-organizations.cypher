// title: The Party organizations inside a scope
// title_zh: 范围内的党组织
// description: For an area: the organizations leading it or the areas part of it, those established in units
// description: located there, and everything reporting to them. For a Party organization: it and everything
// description: reporting to it. As of asOf. The weak-organization questions and warning signs take these ids.
// param scope: ID! = area-c000-0000002
// param asOf: Date! = 2020-03-01
// include: scope
// include: scope-members
RETURN [o IN orgs | o.id] AS ids

// title: The units inside a scope
// title_zh: 范围内的单位
// description: For an area: the units located in it or in its compounds, its parts included, and the
// description: units hosting an organization inside it. For a Party organization: the units hosting it
// description: or an organization below it, and the units located in the areas they lead. As of asOf.
// description: The same units as coverage takes for a scope; the service sums their coverage kept per
// description: unit when the date is kept.
// param scope: ID! = area-c000-0000002
// param asOf: Date! = 2020-03-01
// include: scope
// include: scope-members
RETURN [u IN units | u.id] AS ids

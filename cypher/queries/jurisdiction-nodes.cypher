// title: The nodes inside a jurisdiction
// title_zh: 数据权限范围内的节点
// description: The ids a user whose jurisdiction is this area or Party organization may see and change
// description: (README, "Jurisdictions"): the areas, Party organizations and units inside the scope, by
// description: the one definition of a scope; the nodes that have a place (compounds, grids, projects,
// description: mediation organizations, resources) whose place is one of those areas (IN, PART_OF, SERVES);
// description: the nodes without a place of their own (people, activities, designations) tied to any of
// description: those, ended ties included; the rectifications of those designations and the people leading
// description: them.
// param scope: ID! = area-c000-0000003
// param asOf: Date! = 2026-01-01
// include: scope
// include: scope-members
WITH root, areas, areas + orgs + units AS core
WITH root, core, COLLECT {
  UNWIND areas AS a
  MATCH (x)-[:IN|PART_OF|SERVES]->(a)
  WHERE x:Compound OR x:Grid OR x:Project OR x:MediationOrganization OR x:Resource
  RETURN DISTINCT x
} AS placed
WITH root, core, placed, COLLECT {
  UNWIND core + placed AS c
  MATCH (c)--(x)
  WHERE x:Person OR x:Activity OR x:Designation
  RETURN DISTINCT x
} AS attached
WITH root, core, placed, attached, COLLECT {
  UNWIND attached AS d
  MATCH (d:Designation)-[:RECTIFIED_BY]->(r:Rectification)
  RETURN DISTINCT r
} AS rectifications
WITH root, core, placed, attached, rectifications, COLLECT {
  UNWIND rectifications AS r
  MATCH (r)-[:LED_BY]->(p:Person)
  RETURN DISTINCT p
} AS leaders
RETURN root IS NOT NULL AS exists,
       [n IN core | n.id] + [n IN placed | n.id] + [n IN attached | n.id] + [n IN rectifications | n.id]
         + [n IN leaders | n.id] AS ids

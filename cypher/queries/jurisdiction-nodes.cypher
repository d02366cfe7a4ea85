// title: The nodes inside a jurisdiction
// title_zh: 数据权限范围内的节点
// description: The ids a user whose jurisdiction is this area or Party organization may see and change
// description: (README, "Jurisdictions"): the areas, Party organizations and units inside the scope, by
// description: the one definition of a scope; the nodes of other types tied to them (people, compounds,
// description: grids, activities, designations, resources, projects, mediation organizations), ended ties
// description: included; from those other than people, the nodes of other types tied to them (a
// description: designation's rectification, a grid's workers, a mediation organization's mediators); and
// description: the people leading those rectifications.
// param scope: ID! = area-c000-0000003
// param asOf: Date! = 2026-01-01
// include: scope
// include: scope-members
WITH root, areas + orgs + units AS core
WITH root, core, COLLECT {
  UNWIND core AS c
  MATCH (c)--(a:Entity) WHERE NOT (a:Area OR a:PartyOrganization OR a:Unit)
  RETURN DISTINCT a
} AS attached
WITH root, core, attached, COLLECT {
  UNWIND attached AS a
  WITH a WHERE NOT a:Person
  MATCH (a)--(b:Entity) WHERE NOT (b:Area OR b:PartyOrganization OR b:Unit)
  RETURN DISTINCT b
} AS further
WITH root, core, attached, further, COLLECT {
  UNWIND further AS r
  MATCH (r:Rectification)-[:LED_BY]->(p:Person)
  RETURN DISTINCT p
} AS leaders
RETURN root IS NOT NULL AS exists,
       [n IN core | n.id] + [n IN attached | n.id] + [n IN further | n.id] + [n IN leaders | n.id] AS ids

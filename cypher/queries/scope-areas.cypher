// title: The areas inside a scope
// title_zh: 范围内的区域
// description: For an area: it and the areas part of it. For a Party organization: the areas it and the
// description: organizations reporting to it lead, with their parts. As of asOf.
// param scope: ID! = area-c000-0000002
// param asOf: Date! = 2020-03-01
OPTIONAL MATCH (root:Entity {id: $scope})
WITH root, COLLECT {
  MATCH (o:PartyOrganization)((:PartyOrganization)-[r:REPORTS_TO WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)]->(:PartyOrganization)){0,8}(root:PartyOrganization)
  RETURN DISTINCT o
} AS orgTree
RETURN COLLECT {
  MATCH (top:Area)
  WHERE top = root
     OR EXISTS { MATCH (o:PartyOrganization)-[l:LEADS]->(top)
                 WHERE o IN orgTree AND (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf) }
  MATCH (a:Area)((:Area)-[p:PART_OF WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf)]->(:Area)){0,8}(top)
  RETURN DISTINCT a.id
} AS ids

// The one definition of a scope (范围), included by every question that takes one ($scope, $asOf).
// root: the node $scope names (null: the whole graph).
// orgTree: a Party organization root, and every organization below it by active REPORTS_TO or
//   MANAGED_BY (leadership or management), up to 8 levels.
// areas: an area root, or the areas an organization of orgTree leads; with their parts by active
//   PART_OF, up to 8 levels.
OPTIONAL MATCH (root:Entity {id: $scope})
WITH root, COLLECT {
  MATCH (o:PartyOrganization)((:PartyOrganization)-[r:REPORTS_TO|MANAGED_BY WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)]->(:PartyOrganization)){0,8}(root:PartyOrganization)
  RETURN DISTINCT o
} AS orgTree
WITH root, orgTree, COLLECT {
  // From the root's own nodes through indexes, never a scan of every area.
  CALL (root, orgTree) {
    WITH root WHERE root:Area
    RETURN root AS top
    UNION
    UNWIND orgTree AS o
    MATCH (o)-[l:LEADS]->(top:Area)
    WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
    RETURN top
  }
  MATCH (a:Area)((:Area)-[p:PART_OF WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf)]->(:Area)){0,8}(top)
  RETURN DISTINCT a
} AS areas

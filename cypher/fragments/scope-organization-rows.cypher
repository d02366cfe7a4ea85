// One row per Party organization a question looks at, as o: those named by $orgIds, found through
// the id index (the cost of the scope), or every organization when $orgIds is null (the whole graph).
// "($orgIds IS NULL OR o.id IN $orgIds)" would scan every organization of the graph for a town's few.
CALL () {
  WITH $orgIds AS ids WHERE ids IS NULL
  MATCH (o:PartyOrganization)
  RETURN o
  UNION
  UNWIND $orgIds AS id
  MATCH (o:PartyOrganization {id: id})
  RETURN o
}

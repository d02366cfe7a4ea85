// title: The coverage of each compound, one row per compound: of the whole graph, or of the compounds given
// title_zh: 逐个小区的覆盖情况（全图或指定小区）
// description: For every compound (compoundIds null) or those with the given ids, whatever their kind, by the
// description: same definition as compound-coverage (cypher/fragments/compound-row.cypher): its kind and name,
// description: and the row compound-coverage lists for it. The service keeps these rows for the whole-graph
// description: compound coverage and takes again only the compounds a change can have moved.
// param compoundIds: [String] = null
// param asOf: Date! = 2020-03-01
CALL () {
  WITH $compoundIds AS ids WHERE ids IS NULL
  MATCH (c:Compound) RETURN c
  UNION
  UNWIND coalesce($compoundIds, []) AS id
  MATCH (c:Compound {id: id}) RETURN c
}
// include: compound-row
RETURN c.id AS id, c.kind AS kind, c.name AS name,
  {compound: c {.*, __type: 'Compound'}, propertyCompanies: propertyCompanies, ownersCommittees: ownersCommittees,
   grids: grids, byPropertyCompany: byPropertyCompany, byOwnersCommittee: byOwnersCommittee, byGrid: byGrid,
   byNone: byNone} AS row

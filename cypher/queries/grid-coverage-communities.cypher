// title: The grids of each community, one row per community: of the whole graph, or of the communities given
// title_zh: 逐个社区的网格及网格员（全图或指定社区）
// description: For every community, village and 居 (areaIds null) or those with the given ids, by the same
// description: definition as grid-coverage (cypher/fragments/grid-community.cypher): the area, and its grids
// description: on asOf with their workers. The service keeps these rows for the whole-graph grid coverage and
// description: takes again only the communities a change can have moved.
// param areaIds: [String] = null
// param asOf: Date! = 2020-03-01
CALL () {
  WITH $areaIds AS ids WHERE ids IS NULL
  MATCH (a:Area) WHERE a.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD'] RETURN a
  UNION
  UNWIND coalesce($areaIds, []) AS id
  MATCH (a:Area {id: id}) WHERE a.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD'] RETURN a
}
// include: grid-community
RETURN a.id AS id, a.name AS name, a {.*, __type: 'Area'} AS community, grids

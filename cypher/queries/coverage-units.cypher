// title: The coverage of each unit, one row per unit: of the whole graph, or of the units given
// title_zh: 逐个单位的覆盖情况（全图或指定单位）
// description: For every unit (unitIds null) or the units with the given ids, by the same definition
// description: as coverage (cypher/fragments/coverage-unit.cypher): its kind and name, whether it is
// description: covered organizationally or by work, should-build, and the community, big community and
// description: industry committee it is grouped under; with withRows, also the row the list of
// description: uncovered units shows (null when covered). The service keeps these rows for the
// description: whole-graph coverage and takes again only the units a change can have moved.
// param unitIds: [String] = null
// param asOf: Date! = 2020-03-01
// param withRows: Boolean! = false
CALL () {
  WITH $unitIds AS ids WHERE ids IS NULL
  MATCH (u:Unit) RETURN u
  UNION
  UNWIND coalesce($unitIds, []) AS id
  MATCH (u:Unit {id: id}) RETURN u
}
// include: coverage-unit
RETURN u.id AS id, u.kind AS kind, u.name AS name, organizational, work, shouldBuild,
  area.id AS areaId, area.name AS areaName, big.id AS bigId, big.name AS bigName,
  industry.id AS industryId, industry.name AS industryName,
  CASE WHEN $withRows THEN uncoveredRow END AS uncoveredRow

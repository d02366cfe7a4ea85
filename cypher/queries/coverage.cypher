// title: Coverage of units by Party organizations, per group, with the uncovered units should-build first
// title_zh: 党的组织覆盖和工作覆盖（覆盖率、分组统计、未覆盖单位，应建未建优先）
// description: Units of the given kinds inside the scope: an area (units located in it or in its
// description: compounds, its parts included) or a Party organization (units hosting it or an
// description: organization it leads or manages, below it by REPORTS_TO or MANAGED_BY, and units located in the
// description: areas they lead); every unit when scope is null. A unit is covered organizationally when
// description: a Party organization is established in it (standalone or joint); by work when it has no
// description: organization but an instructor or a pairing; otherwise uncovered. Should-build: no
// description: organization and 3 or more formal members working there. All ties as of asOf.
// description: groupBy: INDUSTRY_COMMITTEE, BIG_COMMUNITY, COMMUNITY or UNIT_KIND. The page of
// description: uncovered units starts after the keyset [shouldBuild, name, id] given in after.
// param scope: ID = area-c000-0000002
// param unitKinds: [String]! = ["NON_PUBLIC_ENTERPRISE", "SOCIAL_ORGANIZATION", "PROPERTY_COMPANY"]
// param groupBy: String! = BIG_COMMUNITY
// param asOf: Date! = 2020-03-01
// param first: Int! = 20
// param after: [Any] = null
// include: scope
// include: scope-members
// The units of the scope (every unit when scope is null), of the kinds asked.
CALL (root, units) {
  WITH root WHERE root IS NULL
  MATCH (u:Unit) RETURN u
  UNION
  WITH root, units WHERE root IS NOT NULL
  UNWIND units AS u RETURN u
}
WITH u WHERE u.kind IN $unitKinds
// include: coverage-unit
WITH organizational, work, shouldBuild, uncoveredRow,
  CASE $groupBy
    WHEN 'INDUSTRY_COMMITTEE' THEN industry
    WHEN 'BIG_COMMUNITY' THEN big
    WHEN 'COMMUNITY' THEN area
    ELSE null
  END AS groupNode, u.kind AS kind
WITH organizational, work, shouldBuild, uncoveredRow,
  CASE WHEN $groupBy = 'UNIT_KIND' THEN kind ELSE groupNode.id END AS groupKey,
  CASE WHEN $groupBy = 'UNIT_KIND' THEN kind ELSE groupNode.name END AS groupLabel
WITH groupKey, groupLabel, count(*) AS total,
  sum(CASE WHEN organizational THEN 1 ELSE 0 END) AS organizational,
  sum(CASE WHEN work THEN 1 ELSE 0 END) AS work,
  sum(CASE WHEN shouldBuild THEN 1 ELSE 0 END) AS shouldBuild,
  collect(uncoveredRow) AS uncoveredRows
ORDER BY groupLabel, groupKey
WITH collect({key: groupKey, label: groupLabel, total: total, organizational: organizational, work: work,
              uncovered: total - organizational - work, shouldBuild: shouldBuild}) AS groups,
     reduce(all = [], rows IN collect(uncoveredRows) | all + rows) AS uncovered
RETURN
  reduce(s = 0, g IN groups | s + g.total) AS total,
  reduce(s = 0, g IN groups | s + g.organizational) AS organizational,
  reduce(s = 0, g IN groups | s + g.work) AS work,
  reduce(s = 0, g IN groups | s + g.shouldBuild) AS shouldBuild,
  size(uncovered) AS uncoveredCount,
  CASE WHEN $groupBy IS NULL THEN [] ELSE groups END AS groups,
  COLLECT {
    UNWIND uncovered AS r
    WITH r, CASE WHEN r.shouldBuild THEN 0 ELSE 1 END AS rank
    WHERE $after IS NULL
       OR rank > $after[0]
       OR (rank = $after[0] AND (r.name > $after[1] OR (r.name = $after[1] AND r.id > $after[2])))
    RETURN r ORDER BY rank, r.name, r.id LIMIT $first + 1
  } AS uncoveredPage

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
// What covers the unit.
OPTIONAL CALL (u) {
  MATCH (o:PartyOrganization)-[e:ESTABLISHED_IN]->(u)
  WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf)
  RETURN o AS organization, e.mode AS mode ORDER BY e.since LIMIT 1
}
WITH u, organization, mode,
  EXISTS { MATCH (:Person)-[i:INSTRUCTS]->(u) WHERE (i.since IS NULL OR i.since <= $asOf) AND (i.until IS NULL OR i.until > $asOf) } AS instructed,
  EXISTS { MATCH (u)-[p:PAIRED_WITH]->() WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf) } AS paired,
  COUNT { MATCH (p:Person)-[w:WORKS_AT]->(u)
          WHERE (w.since IS NULL OR w.since <= $asOf) AND (w.until IS NULL OR w.until > $asOf)
            AND EXISTS { MATCH (p)-[m:MEMBER_OF]->(:PartyOrganization)
                         WHERE m.status = 'FORMAL' AND (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf) } } AS formalMembers,
  COUNT { MATCH (p:Person)-[w:WORKS_AT]->(u)
          WHERE (w.since IS NULL OR w.since <= $asOf) AND (w.until IS NULL OR w.until > $asOf)
            AND EXISTS { MATCH (p)-[m:MEMBER_OF]->(:PartyOrganization)
                         WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf) } } AS partyMembers
// Where it is, and who manages it.
OPTIONAL CALL (u) {
  MATCH (u)-[l:LOCATED_IN]->(p)
  WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
  OPTIONAL MATCH (p:Compound)-[:IN]->(inArea:Area)
  RETURN coalesce(inArea, p) AS area LIMIT 1
}
OPTIONAL CALL (area) {
  MATCH (area)((:Area)-[:PART_OF]->(:Area)){0,4}(big:Area {kind: 'BIG_COMMUNITY'})
  RETURN big LIMIT 1
}
OPTIONAL CALL (area) {
  MATCH (territorial:PartyOrganization)-[l:LEADS]->(area)
  WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
  RETURN territorial LIMIT 1
}
OPTIONAL CALL (organization) {
  MATCH (organization)-[m:MANAGED_BY {mode: 'INDUSTRY'}]->(industry:PartyOrganization)
  WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
  RETURN industry LIMIT 1
}
WITH u, organization, mode, area, big, territorial, industry, formalMembers, partyMembers,
  organization IS NOT NULL AS organizational,
  organization IS NULL AND (instructed OR paired) AS work,
  organization IS NULL AND formalMembers >= 3 AS shouldBuild,
  CASE $groupBy
    WHEN 'INDUSTRY_COMMITTEE' THEN industry
    WHEN 'BIG_COMMUNITY' THEN big
    WHEN 'COMMUNITY' THEN area
    ELSE null
  END AS groupNode
WITH organizational, work, shouldBuild,
  CASE WHEN $groupBy = 'UNIT_KIND' THEN u.kind ELSE groupNode.id END AS groupKey,
  CASE WHEN $groupBy = 'UNIT_KIND' THEN u.kind ELSE groupNode.name END AS groupLabel,
  CASE WHEN NOT organizational AND NOT work THEN {
    id: u.id, name: u.name, unit: u {.*, __type: 'Unit'}, shouldBuild: shouldBuild, formalMembers: formalMembers,
    partyMembers: partyMembers, area: area {.*, __type: 'Area'}, bigCommunity: big {.*, __type: 'Area'},
    managingOrganization: CASE WHEN industry IS NOT NULL THEN industry {.*, __type: 'PartyOrganization'} ELSE territorial {.*, __type: 'PartyOrganization'} END
  } END AS uncoveredRow
WITH groupKey, groupLabel, count(*) AS total,
  sum(CASE WHEN organizational THEN 1 ELSE 0 END) AS organizational,
  sum(CASE WHEN work THEN 1 ELSE 0 END) AS work,
  sum(CASE WHEN shouldBuild THEN 1 ELSE 0 END) AS shouldBuild,
  collect(uncoveredRow) AS uncoveredRows
ORDER BY groupLabel
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

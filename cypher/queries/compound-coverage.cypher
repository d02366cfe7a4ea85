// title: Compounds covered by a property company with a Party organization, an owners' committee with members, a grid with workers
// title_zh: 小区覆盖（物业企业建立党组织、业委会有党员、网格有网格员）
// description: Compounds of the given kinds inside the scope (an area and its parts, or the areas a Party
// description: organization and its subordinates lead; all compounds when scope is null), each with the three
// description: ways it can be covered, judged separately, as of asOf. Compounds covered by none come first.
// param scope: ID = area-c000-0000002
// param compoundKinds: [String]! = ["RESIDENTIAL", "COMMERCIAL"]
// param asOf: Date! = 2020-03-01
// include: scope
MATCH (c:Compound)
WHERE c.kind IN $compoundKinds
  AND (root IS NULL OR EXISTS { MATCH (c)-[i:IN]->(a) WHERE a IN areas AND (i.until IS NULL OR i.until > $asOf) })
WITH c,
  COLLECT {
    MATCH (c)-[m:MANAGED_BY]->(pc:Unit)
    WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
    RETURN pc {.*, __type: 'Unit',
      hasOrganization: EXISTS { MATCH (:PartyOrganization)-[e:ESTABLISHED_IN]->(pc)
                                WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf) }}
  } AS propertyCompanies,
  COLLECT {
    MATCH (c)-[h:HAS]->(oc:Unit)
    WHERE (h.since IS NULL OR h.since <= $asOf) AND (h.until IS NULL OR h.until > $asOf)
    RETURN oc {.*, __type: 'Unit',
      partyMembers: COUNT { MATCH (p:Person)-[w:WORKS_AT]->(oc)
                            WHERE (w.since IS NULL OR w.since <= $asOf) AND (w.until IS NULL OR w.until > $asOf)
                              AND EXISTS { MATCH (p)-[m:MEMBER_OF]->(:PartyOrganization)
                                           WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf) } }}
  } AS ownersCommittees,
  COLLECT {
    MATCH (g:Grid)-[cv:COVERS]->(c)
    WHERE (cv.since IS NULL OR cv.since <= $asOf) AND (cv.until IS NULL OR cv.until > $asOf)
    WITH g, COLLECT {
      MATCH (:Person)-[gw:GRID_WORKER_FOR]->(g)
      WHERE (gw.since IS NULL OR gw.since <= $asOf) AND (gw.until IS NULL OR gw.until > $asOf)
      WITH gw.kind AS kind, count(*) AS workers ORDER BY kind
      RETURN {kind: kind, workers: workers}
    } AS workersByKind
    RETURN {grid: g {.*, __type: 'Grid'}, workersByKind: workersByKind,
            workers: reduce(s = 0, w IN workersByKind | s + w.workers)}
  } AS grids
WITH c, propertyCompanies, ownersCommittees, grids,
  any(pc IN propertyCompanies WHERE pc.hasOrganization) AS byPropertyCompany,
  any(oc IN ownersCommittees WHERE oc.partyMembers > 0) AS byOwnersCommittee,
  any(g IN grids WHERE g.workers > 0) AS byGrid
WITH c, propertyCompanies, ownersCommittees, grids, byPropertyCompany, byOwnersCommittee, byGrid,
  NOT (byPropertyCompany OR byOwnersCommittee OR byGrid) AS byNone
ORDER BY byNone DESC, c.name, c.id
RETURN count(c) AS total,
  sum(CASE WHEN byPropertyCompany THEN 1 ELSE 0 END) AS byPropertyCompany,
  sum(CASE WHEN byOwnersCommittee THEN 1 ELSE 0 END) AS byOwnersCommittee,
  sum(CASE WHEN byGrid THEN 1 ELSE 0 END) AS byGrid,
  sum(CASE WHEN byNone THEN 1 ELSE 0 END) AS byNone,
  collect({compound: c {.*, __type: 'Compound'}, propertyCompanies: propertyCompanies, ownersCommittees: ownersCommittees,
           grids: grids, byPropertyCompany: byPropertyCompany, byOwnersCommittee: byOwnersCommittee, byGrid: byGrid,
           byNone: byNone}) AS compounds

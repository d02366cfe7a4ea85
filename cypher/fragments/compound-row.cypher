// What covers one compound c (after a clause that binds it), as of $asOf: the one definition of a
// compound's coverage, included by compound-coverage (a scope's compounds) and compound-coverage-compounds
// (each compound, for the compound coverage kept per compound). Binds c, propertyCompanies (each with
// whether it has a Party organization), ownersCommittees (each with its Party members), grids (each with
// its workers), each list by id, byPropertyCompany, byOwnersCommittee, byGrid and byNone.
WITH c,
  COLLECT {
    MATCH (c)-[m:MANAGED_BY]->(pc:Unit)
    WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
    WITH pc ORDER BY pc.id
    RETURN pc {.*, __type: 'Unit',
      hasOrganization: EXISTS { MATCH (:PartyOrganization)-[e:ESTABLISHED_IN]->(pc)
                                WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf) }}
  } AS propertyCompanies,
  COLLECT {
    MATCH (c)-[h:HAS]->(oc:Unit)
    WHERE (h.since IS NULL OR h.since <= $asOf) AND (h.until IS NULL OR h.until > $asOf)
    WITH oc ORDER BY oc.id
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
    ORDER BY g.id
    RETURN {grid: g {.*, __type: 'Grid'}, workersByKind: workersByKind,
            workers: reduce(s = 0, w IN workersByKind | s + w.workers)}
  } AS grids
WITH c, propertyCompanies, ownersCommittees, grids,
  any(pc IN propertyCompanies WHERE pc.hasOrganization) AS byPropertyCompany,
  any(oc IN ownersCommittees WHERE oc.partyMembers > 0) AS byOwnersCommittee,
  any(g IN grids WHERE g.workers > 0) AS byGrid
WITH c, propertyCompanies, ownersCommittees, grids, byPropertyCompany, byOwnersCommittee, byGrid,
  NOT (byPropertyCompany OR byOwnersCommittee OR byGrid) AS byNone

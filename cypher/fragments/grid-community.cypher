// The grids of one community, village or 居 a (after a clause that binds it), as of $asOf: the one
// definition of grid coverage, included by grid-coverage (a scope's communities) and
// grid-coverage-communities (each community, for the grid coverage kept per community). Binds grids:
// each grid PART_OF a on the date, with its workers per kind and in all, ordered by workers, name, id.
CALL (a) {
  RETURN COLLECT {
    MATCH (g:Grid)-[p:PART_OF]->(a)
    WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf)
    WITH g, COLLECT {
      MATCH (:Person)-[gw:GRID_WORKER_FOR]->(g)
      WHERE (gw.since IS NULL OR gw.since <= $asOf) AND (gw.until IS NULL OR gw.until > $asOf)
      WITH gw.kind AS kind, count(*) AS workers ORDER BY kind
      RETURN {kind: kind, workers: workers}
    } AS workersByKind
    WITH g, workersByKind, reduce(s = 0, w IN workersByKind | s + w.workers) AS workers
    ORDER BY workers, g.name, g.id
    RETURN {grid: g {.*, __type: 'Grid'}, area: a {.*, __type: 'Area'}, workers: workers, workersByKind: workersByKind}
  } AS grids
}

// title: Grids and their workers: grids without workers, workers per kind per grid, communities without grids
// title_zh: 网格覆盖（无网格员的网格、各类网格员数量、未划分网格的社区）
// description: Grids of the communities, villages and 居 inside the scope (an area and its parts, or the areas a
// description: Party organization and its subordinates lead; all when scope is null), as of asOf. Grids without
// description: workers come first; communities without any grid are listed apart.
// param scope: ID = area-c000-0000002
// param asOf: Date! = 2020-03-01
// include: scope
CALL (root, areas) {
  MATCH (a:Area)
  WHERE a.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD'] AND (root IS NULL OR a IN areas)
  RETURN collect(a) AS communities
}
WITH communities,
  COLLECT {
    UNWIND communities AS a
    MATCH (g:Grid)-[p:PART_OF]->(a)
    WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf)
    WITH a, g, COLLECT {
      MATCH (:Person)-[gw:GRID_WORKER_FOR]->(g)
      WHERE (gw.since IS NULL OR gw.since <= $asOf) AND (gw.until IS NULL OR gw.until > $asOf)
      WITH gw.kind AS kind, count(*) AS workers ORDER BY kind
      RETURN {kind: kind, workers: workers}
    } AS workersByKind
    WITH a, g, workersByKind, reduce(s = 0, w IN workersByKind | s + w.workers) AS workers
    ORDER BY workers, g.name, g.id
    RETURN {grid: g {.*, __type: 'Grid'}, area: a {.*, __type: 'Area'}, workers: workers, workersByKind: workersByKind}
  } AS grids
RETURN size(grids) AS total,
  size([g IN grids WHERE g.workers = 0]) AS withoutWorkers,
  grids,
  [a IN communities WHERE NOT EXISTS {
     MATCH (:Grid)-[p:PART_OF]->(a) WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf) }
   | a {.*, __type: 'Area'}] AS communitiesWithoutGrids

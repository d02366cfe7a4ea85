// title: Grids and grid workers per community, by kind of worker
// title_zh: 各社区网格数及各类网格员人数
// description: For each community, village or 居, the grids it has and the distinct workers of each kind on
// description: them, as of asOf.
// param asOf: Date! = 2020-03-01
MATCH (a:Area) WHERE a.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD']
MATCH (g:Grid)-[:PART_OF]->(a)
OPTIONAL MATCH (p:Person)-[w:GRID_WORKER_FOR]->(g)
WHERE (w.since IS NULL OR w.since <= $asOf) AND (w.until IS NULL OR w.until > $asOf)
WITH a, count(DISTINCT g) AS grids, w.kind AS kind, count(DISTINCT p) AS workers
RETURN a.name AS community, grids, collect({kind: kind, workers: workers}) AS workersByKind
ORDER BY community

// title: Grids and their workers: grids without workers, workers per kind per grid, communities without grids
// title_zh: 网格覆盖（无网格员的网格、各类网格员数量、未划分网格的社区）
// description: Grids of the communities, villages and 居 inside the scope (an area and its parts, or the areas a
// description: Party organization and its subordinates lead; all when scope is null), as of asOf. Grids without
// description: workers come first; communities without any grid are listed apart, by name.
// param scope: ID = area-c000-0000002
// param asOf: Date! = 2020-03-01
// include: scope
CALL (root, areas) {
  // a scope from its own areas; the whole graph from every area
  WITH root WHERE root IS NULL
  MATCH (a:Area)
  WHERE a.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD']
  RETURN a
  UNION
  UNWIND areas AS a
  WITH a WHERE a.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD']
  RETURN a
}
// include: grid-community
WITH a, grids ORDER BY a.name, a.id
WITH collect(grids) AS perCommunity,
  collect(CASE WHEN size(grids) = 0 THEN a {.*, __type: 'Area'} END) AS communitiesWithoutGrids
WITH communitiesWithoutGrids, COLLECT {
    UNWIND perCommunity AS communityGrids
    UNWIND communityGrids AS g
    WITH g ORDER BY g.workers, g.grid.name, g.grid.id, g.area.id
    RETURN g
  } AS grids
RETURN size(grids) AS total,
  size([g IN grids WHERE g.workers = 0]) AS withoutWorkers,
  grids,
  communitiesWithoutGrids

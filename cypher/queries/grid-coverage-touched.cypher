// title: The communities whose grid coverage a change can have moved, from what the change touched
// title_zh: 变更可能影响其网格覆盖的社区
// description: The communities, villages and 居 the grid coverage of which depends on the nodes and ties a
// description: change touched (cypher/fragments/grid-community.cypher says what it reads): the areas given;
// description: the areas the grids given are part of; the areas of the grids the persons given work on. Ties
// description: count whatever their dates, and nodes are found by id whatever their labels now: a superset
// description: is enough.
// param areas: [String]! = []
// param grids: [String]! = ["grid-c000-0000001"]
// param persons: [String]! = []
CALL () {
  UNWIND $areas AS id
  RETURN id
  UNION
  UNWIND $grids AS gid
  MATCH (:Entity {id: gid})-[:PART_OF]->(a:Area)
  RETURN a.id AS id
  UNION
  UNWIND $persons AS pid
  MATCH (:Entity {id: pid})-[:GRID_WORKER_FOR]->(:Grid)-[:PART_OF]->(a:Area)
  RETURN a.id AS id
}
RETURN collect(id) AS ids

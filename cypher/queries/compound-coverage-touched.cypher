// title: The compounds whose coverage a change can have moved, from what the change touched
// title_zh: 变更可能影响其覆盖情况的小区
// description: The compounds the coverage of which depends on the nodes and ties a change touched
// description: (cypher/fragments/compound-row.cypher says what it reads): the compounds given; those managed
// description: by or having the units given; those having the units the persons given work at, or covered by
// description: the grids they work on; those managed by the units the organizations given are established
// description: in, or having the units their members work at; those covered by the grids given. Ties count
// description: whatever their dates, and nodes are found by id whatever their labels now: a superset is enough.
// param compounds: [String]! = []
// param units: [String]! = []
// param persons: [String]! = []
// param organizations: [String]! = []
// param grids: [String]! = ["grid-c000-0000001"]
CALL () {
  UNWIND $compounds AS id
  RETURN id
  UNION
  UNWIND $units AS uid
  MATCH (c:Compound)-[:MANAGED_BY|HAS]->(:Entity {id: uid})
  RETURN c.id AS id
  UNION
  UNWIND $persons AS pid
  MATCH (:Entity {id: pid})-[:WORKS_AT]->(:Unit)<-[:HAS]-(c:Compound)
  RETURN c.id AS id
  UNION
  UNWIND $persons AS pid
  MATCH (:Entity {id: pid})-[:GRID_WORKER_FOR]->(:Grid)-[:COVERS]->(c:Compound)
  RETURN c.id AS id
  UNION
  UNWIND $organizations AS oid
  MATCH (:Entity {id: oid})-[:ESTABLISHED_IN]->(:Unit)<-[:MANAGED_BY]-(c:Compound)
  RETURN c.id AS id
  UNION
  UNWIND $organizations AS oid
  MATCH (:Entity {id: oid})<-[:MEMBER_OF]-(:Person)-[:WORKS_AT]->(:Unit)<-[:HAS]-(c:Compound)
  RETURN c.id AS id
  UNION
  UNWIND $grids AS gid
  MATCH (:Entity {id: gid})-[:COVERS]->(c:Compound)
  RETURN c.id AS id
}
RETURN collect(id) AS ids

// title: The units whose coverage a change can have moved, from what the change touched
// title_zh: 变更可能影响其覆盖情况的单位
// description: The units the coverage of which depends on the nodes and ties a change touched
// description: (cypher/fragments/coverage-unit.cypher says what a unit's coverage reads): the units
// description: given; the units where the persons given work or which they instruct; the units
// description: hosting the organizations given, managed through them, where their members work or
// description: located in the areas they lead; the units hosting the organizations whose management changed; the units located
// description: in the areas given (and their compounds), and for the areas given as trees also in every
// description: area below them (the big community above a unit is found through them); the units
// description: located in the compounds given. Ties count whatever their dates, and nodes are found by
// description: id whatever their labels now: a superset is enough.
// param units: [String]! = []
// param persons: [String]! = []
// param organizations: [String]! = []
// param managedOrganizations: [String]! = []
// param areas: [String]! = []
// param areaTrees: [String]! = ["area-c000-0000015"]
// param compounds: [String]! = []
CALL () {
  UNWIND $units AS id
  RETURN id
  UNION
  UNWIND $persons AS pid
  MATCH (:Entity {id: pid})-[:WORKS_AT|INSTRUCTS]->(u:Unit)
  RETURN u.id AS id
  UNION
  UNWIND $organizations + $managedOrganizations AS oid
  MATCH (:Entity {id: oid})-[:ESTABLISHED_IN]->(u:Unit)
  RETURN u.id AS id
  UNION
  UNWIND $organizations AS oid
  MATCH (:Entity {id: oid})<-[:MANAGED_BY]-(:PartyOrganization)-[:ESTABLISHED_IN]->(u:Unit)
  RETURN u.id AS id
  UNION
  UNWIND $organizations AS oid
  MATCH (:Entity {id: oid})<-[:MEMBER_OF]-(:Person)-[:WORKS_AT]->(u:Unit)
  RETURN u.id AS id
  UNION
  UNWIND $organizations AS oid
  MATCH (:Entity {id: oid})-[:LEADS]->(a)
  CALL (a) {
    MATCH (u:Unit)-[:LOCATED_IN]->(a) RETURN u
    UNION
    MATCH (u:Unit)-[:LOCATED_IN]->()-[:IN]->(a) RETURN u
  }
  RETURN u.id AS id
  UNION
  UNWIND $areas AS aid
  MATCH (a:Entity {id: aid})
  CALL (a) {
    MATCH (u:Unit)-[:LOCATED_IN]->(a) RETURN u
    UNION
    MATCH (u:Unit)-[:LOCATED_IN]->()-[:IN]->(a) RETURN u
  }
  RETURN u.id AS id
  UNION
  UNWIND $areaTrees AS aid
  MATCH (:Entity {id: aid})<-[:PART_OF*0..8]-(a:Entity)
  CALL (a) {
    MATCH (u:Unit)-[:LOCATED_IN]->(a) RETURN u
    UNION
    MATCH (u:Unit)-[:LOCATED_IN]->()-[:IN]->(a) RETURN u
  }
  RETURN u.id AS id
  UNION
  UNWIND $compounds AS cid
  MATCH (u:Unit)-[:LOCATED_IN]->(:Entity {id: cid})
  RETURN u.id AS id
}
RETURN collect(id) AS ids

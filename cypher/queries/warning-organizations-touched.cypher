// title: The organizations whose warning signs a change can have moved, from what the change touched
// title_zh: 变更可能影响其预警信号的党组织
// description: The Party organizations the six warning rules (warning-*.cypher) read the given nodes
// description: for: the organizations given (their properties, members, posts, activities, the ties
// description: they start); those established in the units given (a pairing of the unit, a part-time
// description: post on its behalf); those leading the areas given (a pairing of the area); those
// description: holding the activities given; those the persons given are members of or hold posts
// description: in. Nodes are found by id whatever their labels now: a superset is enough.
// param organizations: [String]! = ["org-c000-0000001"]
// param units: [String]! = []
// param areas: [String]! = []
// param activities: [String]! = []
// param persons: [String]! = []
CALL () {
  UNWIND $organizations AS id
  RETURN id
  UNION
  UNWIND $units AS uid
  MATCH (o:PartyOrganization)-[:ESTABLISHED_IN]->(:Entity {id: uid})
  RETURN o.id AS id
  UNION
  UNWIND $areas AS aid
  MATCH (o:PartyOrganization)-[:LEADS]->(:Entity {id: aid})
  RETURN o.id AS id
  UNION
  UNWIND $activities AS aid
  MATCH (:Entity {id: aid})-[:HELD_BY]->(o:PartyOrganization)
  RETURN o.id AS id
  UNION
  UNWIND $persons AS pid
  MATCH (:Entity {id: pid})-[:MEMBER_OF|HOLDS_POST]->(o:PartyOrganization)
  RETURN o.id AS id
}
RETURN collect(id) AS ids

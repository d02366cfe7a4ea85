// title: Weak organizations: designations, rectification status as of a date, leaders and supporters
// title_zh: 软弱涣散党组织名单（整顿状态、责任领导、帮扶单位）
// description: WEAK designations made on or before asOf of the organizations in orgIds (all when null), with
// description: the rectification's status as of asOf (RECTIFIED once accepted, RECTIFYING once started,
// description: else IDENTIFIED), filtered by status and category when given.
// param orgIds: [String] = null
// param status: String = null
// param category: String = null
// param asOf: Date! = 2020-03-01
// From the designations for the whole graph, from the scope's organizations through the id index
// otherwise (see weak-organization-stats.cypher).
CALL () {
  WITH $orgIds AS ids WHERE ids IS NULL
  MATCH (o:PartyOrganization)-[:DESIGNATED]->(d:Designation {type: 'WEAK'})
  RETURN o, d
  UNION
  UNWIND $orgIds AS id
  MATCH (o:PartyOrganization {id: id})-[:DESIGNATED]->(d:Designation {type: 'WEAK'})
  RETURN o, d
}
WITH o, d WHERE d.since <= $asOf AND ($category IS NULL OR d.category = $category)
OPTIONAL MATCH (d)-[:RECTIFIED_BY]->(r:Rectification)
WITH o, d, r,
  CASE WHEN r.acceptedOn IS NOT NULL AND r.acceptedOn <= $asOf THEN 'RECTIFIED'
       WHEN r.status IN ['RECTIFYING', 'RECTIFIED'] AND r.since <= $asOf THEN 'RECTIFYING'
       ELSE 'IDENTIFIED' END AS status
WHERE $status IS NULL OR status = $status
RETURN d {.*, __type: 'Designation'} AS designation, o {.*, __type: 'PartyOrganization'} AS organization,
       r {.*, __type: 'Rectification'} AS rectification, status,
       COLLECT { MATCH (r)-[:LED_BY]->(p:Person) RETURN p {.*, __type: 'Person'} } AS leaders,
       COLLECT { MATCH (r)-[:SUPPORTED_BY]->(s) RETURN s {.*, __type: [l IN labels(s) WHERE l <> 'Entity'][0]} } AS supporters
ORDER BY d.since DESC, o.name

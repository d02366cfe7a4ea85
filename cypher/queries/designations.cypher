// title: Designations of weak organizations and demonstration sites, with rectification status
// title_zh: 软弱涣散党组织认定与示范点创建（含整顿状态）
// description: Designations of the given type, with the organization, category, dates, reasons and, for
// description: weak ones, the rectification's status, leader and supporters.
// param type: String! = WEAK
MATCH (o:PartyOrganization)-[:DESIGNATED]->(d:Designation {type: $type})
OPTIONAL MATCH (d)-[:RECTIFIED_BY]->(r:Rectification)
OPTIONAL MATCH (r)-[:LED_BY]->(leader:Person)
OPTIONAL MATCH (r)-[:SUPPORTED_BY]->(s)
RETURN o.name AS organization, d.category AS category, d.since AS since, d.until AS until, d.reasons AS reasons,
       r.status AS status, r.acceptedOn AS acceptedOn, collect(DISTINCT leader.name) AS leaders,
       collect(DISTINCT s.name) AS supporters
ORDER BY category, since, organization

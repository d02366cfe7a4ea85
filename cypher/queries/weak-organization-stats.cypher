// title: Weak organizations and demonstration sites per category and status, history included
// title_zh: 软弱涣散党组织整顿与示范点创建统计（按类别、状态，含历史）
// description: Every designation made on or before asOf for the organizations in orgIds (all when null):
// description: weak ones per category and rectification status as of asOf, demonstration sites per category
// description: (active on asOf, and all ever made).
// param orgIds: [String] = null
// param asOf: Date! = 2020-03-01
// From the designations (few) for the whole graph, from the scope's organizations through the id
// index otherwise: "$orgIds IS NULL OR o.id IN $orgIds" would read every designation of the graph.
CALL () {
  WITH $orgIds AS ids WHERE ids IS NULL
  MATCH (o:PartyOrganization)-[:DESIGNATED]->(d:Designation)
  RETURN o, d
  UNION
  UNWIND $orgIds AS id
  MATCH (o:PartyOrganization {id: id})-[:DESIGNATED]->(d:Designation)
  RETURN o, d
}
WITH o, d WHERE d.since <= $asOf
OPTIONAL MATCH (d)-[:RECTIFIED_BY]->(r:Rectification)
WITH d,
  CASE WHEN d.type = 'DEMONSTRATION' THEN null
       WHEN r.acceptedOn IS NOT NULL AND r.acceptedOn <= $asOf THEN 'RECTIFIED'
       WHEN r.status IN ['RECTIFYING', 'RECTIFIED'] AND r.since <= $asOf THEN 'RECTIFYING'
       ELSE 'IDENTIFIED' END AS status
WITH d.category AS category,
  sum(CASE WHEN d.type = 'WEAK' THEN 1 ELSE 0 END) AS designated,
  sum(CASE WHEN status = 'IDENTIFIED' THEN 1 ELSE 0 END) AS identified,
  sum(CASE WHEN status = 'RECTIFYING' THEN 1 ELSE 0 END) AS rectifying,
  sum(CASE WHEN status = 'RECTIFIED' THEN 1 ELSE 0 END) AS rectified,
  sum(CASE WHEN d.type = 'DEMONSTRATION' THEN 1 ELSE 0 END) AS demonstrationSites,
  sum(CASE WHEN d.type = 'DEMONSTRATION' AND (d.until IS NULL OR d.until > $asOf) THEN 1 ELSE 0 END) AS activeDemonstrationSites
RETURN category, designated, identified, rectifying, rectified, demonstrationSites, activeDemonstrationSites
ORDER BY category

// title: Mediation organizations, mediators and disputes settled per area
// title_zh: 各区域人民调解组织、调解员与调处纠纷数
// description: For each area with mediation organizations: how many, their distinct mediators, and the
// description: disputes they settled.
MATCH (m:MediationOrganization)-[:IN]->(a:Area)
OPTIONAL MATCH (p:Person)-[:MEDIATOR_OF]->(m)
WITH a, m, count(DISTINCT p) AS mediators
RETURN a.name AS area, a.kind AS kind, count(m) AS organizations, sum(mediators) AS mediators,
       sum(coalesce(m.disputesSettled, 0)) AS disputesSettled
ORDER BY organizations DESC, area

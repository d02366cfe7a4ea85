// title: Urban renewal projects with their on-site branches and signing progress
// title_zh: 城市更新项目、项目党支部与签约进度
// description: Every project with its area, its branches and their secretaries, households, signed
// description: households, the signing rate computed from them and the rate as reported.
MATCH (p:Project)
OPTIONAL MATCH (p)-[:IN]->(a:Area)
OPTIONAL MATCH (p)-[:HAS_BRANCH]->(b:PartyOrganization)
OPTIONAL MATCH (s:Person)-[h:HOLDS_POST {role: 'SECRETARY'}]->(b) WHERE h.until IS NULL
RETURN p.name AS project, p.kind AS kind, a.name AS area, collect(DISTINCT b.name) AS branches,
       collect(DISTINCT s.name) AS secretaries, p.households AS households, p.signedHouseholds AS signed,
       round(1.0 * p.signedHouseholds / p.households, 4) AS signedRate, p.reportedSignedRate AS reportedRate,
       p.signingDays AS signingDays
ORDER BY project

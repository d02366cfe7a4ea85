// title: Who was mobilised for each campaign, by role
// title_zh: 各项行动动员人数与队伍数（按类别）
// description: Persons and teams with a MOBILIZED_FOR tie active on asOf, counted per campaign and role.
// param asOf: Date! = 2020-03-01
MATCH (x)-[m:MOBILIZED_FOR]->(c:Campaign)
WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
RETURN c.name AS campaign, m.role AS role, count(DISTINCT x) AS mobilised
ORDER BY campaign, role

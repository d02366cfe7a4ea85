// title: Units located in an area, with their Party organizations
// title_zh: 区域内单位及其党组织
// description: Units located in the area, its parts or its compounds as of asOf, with the organizations
// description: established in them (standalone or joint).
// param area: ID! = area-c000-0000015
// param asOf: Date! = 2020-03-01
MATCH (a:Area)-[:PART_OF*0..6]->(:Area {id: $area})
CALL (a) {
  MATCH (u:Unit)-[l:LOCATED_IN]->(a) RETURN u, l
  UNION
  MATCH (u:Unit)-[l:LOCATED_IN]->(:Compound)-[:IN]->(a) RETURN u, l
}
WITH a, u, l
WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
OPTIONAL MATCH (o:PartyOrganization)-[e:ESTABLISHED_IN]->(u)
WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf)
RETURN u.name AS unit, u.kind AS kind, a.name AS area, collect(o.name) AS organizations, collect(e.mode) AS modes
ORDER BY kind, unit

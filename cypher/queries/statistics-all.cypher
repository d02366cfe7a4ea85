// title: Counts per node type and kind, per tie kind, and totals, over the whole graph
// title_zh: 全图各类节点、关系的数量与合计（统计）
// description: The same figures as statistics, for the whole graph; ties count when active on asOf.
// description: The service keeps these figures in parts (statistics-parts) and counts again only the
// description: parts a change touched; this statement is what they add up to.
// param asOf: Date! = 2020-03-01
CALL () {
  MATCH (n:Entity)
  WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS type, coalesce(n.kind, n.type, n.status) AS kind,
       coalesce(n.sector, n.category) AS category,
       // Designations (and their rectifications) count from the day they were made.
       NOT (n:Designation OR n:Rectification)
         OR (n:Designation AND (n.since IS NULL OR n.since <= $asOf))
         OR (n:Rectification AND EXISTS { MATCH (d:Designation)-[:RECTIFIED_BY]->(n) WHERE d.since IS NULL OR d.since <= $asOf }) AS counted
  WITH type, kind, category,
       sum(CASE WHEN counted THEN 1 ELSE 0 END) AS count,
       sum(CASE WHEN n:Area AND n.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD'] THEN coalesce(n.population, 0) ELSE 0 END) AS population,
       sum(CASE WHEN n:Compound THEN coalesce(n.households, 0) ELSE 0 END) AS households,
       sum(coalesce(n.disputesSettled, 0)) AS disputesSettled,
       sum(coalesce(n.servedPerYear, 0)) AS servedPerYear,
       sum(CASE WHEN n:Project THEN coalesce(n.households, 0) ELSE 0 END) AS projectHouseholds,
       sum(coalesce(n.signedHouseholds, 0)) AS projectSignedHouseholds
  ORDER BY type, kind, category
  RETURN collect({type: type, kind: kind, category: category, count: count, population: population,
                  households: households, disputesSettled: disputesSettled, servedPerYear: servedPerYear,
                  projectHouseholds: projectHouseholds, projectSignedHouseholds: projectSignedHouseholds}) AS nodeGroups
}
CALL () {
  MATCH (s:Entity)-[r]->(e:Entity)
  WITH s, r, e WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
  WITH type(r) AS relType, [l IN labels(s) WHERE l <> 'Entity'][0] AS fromType,
       [l IN labels(e) WHERE l <> 'Entity'][0] AS toType, coalesce(r.role, r.status, r.mode, r.kind, r.program) AS detail,
       count(*) AS count, count(DISTINCT s) AS starts, count(DISTINCT e) AS ends
  ORDER BY relType, fromType, toType, detail
  RETURN collect({relType: relType, fromType: fromType, toType: toType, detail: detail, count: count, starts: starts, ends: ends}) AS ties
}
RETURN [g IN nodeGroups WHERE g.count > 0 | {type: g.type, kind: g.kind, category: g.category, count: g.count}] AS nodes,
  ties,
  {
    population: reduce(s = 0, g IN nodeGroups | s + g.population),
    households: reduce(s = 0, g IN nodeGroups | s + g.households),
    disputesSettled: reduce(s = 0, g IN nodeGroups | s + g.disputesSettled),
    servedPerYear: reduce(s = 0, g IN nodeGroups | s + g.servedPerYear),
    projectHouseholds: reduce(s = 0, g IN nodeGroups | s + g.projectHouseholds),
    projectSignedHouseholds: reduce(s = 0, g IN nodeGroups | s + g.projectSignedHouseholds)
  } AS measures

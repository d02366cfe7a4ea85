// title: Counts per node type and kind, per tie kind, and totals, inside a scope
// title_zh: 范围内各类节点、关系的数量与合计（统计）
// description: The scope is an area (the area and the areas part of it), or a Party organization
// description: (it and its subordinates, and the areas they lead). Inside: the organizations leading
// description: those areas or established in their units, with their subordinates; the units located
// description: there or hosting those organizations; compounds, grids, resources, projects, mediation
// description: organizations of those areas; the people tied to any of them. Ties count when either
// description: end is inside and they are active on asOf. Returns one row: nodes, ties, measures.
// param scope: ID! = area-c000-0000002
// param asOf: Date! = 2020-03-01
// include: scope
// include: scope-members
// Places, resources, projects and mediation organizations of those areas; designations of those organizations.
WITH areas, orgs, units,
  COLLECT { UNWIND areas AS a MATCH (c:Compound)-[:IN]->(a) RETURN DISTINCT c } AS compounds,
  COLLECT { UNWIND areas AS a MATCH (g:Grid)-[:PART_OF]->(a) RETURN DISTINCT g } AS grids,
  COLLECT { UNWIND areas AS a MATCH (m:MediationOrganization)-[:IN]->(a) RETURN DISTINCT m } AS mediation,
  COLLECT {
    CALL (areas, orgs, units) {
      UNWIND areas AS a MATCH (x:Resource)-[:SERVES]->(a) RETURN x
      UNION
      UNWIND orgs + units AS p MATCH (p)-[:PROVIDES]->(x:Resource) RETURN x
    }
    RETURN DISTINCT x
  } AS resources,
  COLLECT {
    CALL (areas, orgs) {
      UNWIND areas AS a MATCH (x:Project)-[:IN]->(a) RETURN x
      UNION
      UNWIND orgs AS o MATCH (x:Project)-[:HAS_BRANCH]->(o) RETURN x
    }
    RETURN DISTINCT x
  } AS projects,
  COLLECT { UNWIND orgs AS o MATCH (o)-[:DESIGNATED]->(d:Designation) WHERE d.since IS NULL OR d.since <= $asOf RETURN DISTINCT d } AS designations
WITH areas, orgs, units, compounds, grids, mediation, resources, projects, designations,
  COLLECT { UNWIND designations AS d MATCH (d)-[:RECTIFIED_BY]->(r:Rectification) RETURN DISTINCT r } AS rectifications,
  COLLECT {
    CALL (orgs, units, grids, mediation) {
      UNWIND orgs AS o MATCH (p:Person)-[t:MEMBER_OF|HOLDS_POST]->(o)
      WHERE (t.since IS NULL OR t.since <= $asOf) AND (t.until IS NULL OR t.until > $asOf) RETURN p
      UNION
      UNWIND units AS u MATCH (p:Person)-[t:WORKS_AT|INSTRUCTS]->(u)
      WHERE (t.since IS NULL OR t.since <= $asOf) AND (t.until IS NULL OR t.until > $asOf) RETURN p
      UNION
      UNWIND grids AS g MATCH (p:Person)-[t:GRID_WORKER_FOR]->(g)
      WHERE (t.since IS NULL OR t.since <= $asOf) AND (t.until IS NULL OR t.until > $asOf) RETURN p
      UNION
      UNWIND mediation AS m MATCH (p:Person)-[t:MEDIATOR_OF]->(m)
      WHERE (t.since IS NULL OR t.since <= $asOf) AND (t.until IS NULL OR t.until > $asOf) RETURN p
    }
    RETURN DISTINCT p
  } AS persons
WITH areas + orgs + units + compounds + grids + mediation + resources + projects + designations + rectifications + persons AS inside
// Node counts and totals first; then the ties, each counted once whichever end is inside.
WITH inside,
  COLLECT {
    UNWIND inside AS n
    WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS type, coalesce(n.kind, n.type, n.status) AS kind,
         coalesce(n.sector, n.category) AS category
    WITH type, kind, category, count(*) AS count ORDER BY type, kind, category
    RETURN {type: type, kind: kind, category: category, count: count}
  } AS nodes, {
  population: reduce(s = 0, n IN inside | s + CASE WHEN n:Area AND n.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD'] THEN coalesce(n.population, 0) ELSE 0 END),
  households: reduce(s = 0, n IN inside | s + CASE WHEN n:Compound THEN coalesce(n.households, 0) ELSE 0 END),
  disputesSettled: reduce(s = 0, n IN inside | s + coalesce(n.disputesSettled, 0)),
  servedPerYear: reduce(s = 0, n IN inside | s + coalesce(n.servedPerYear, 0)),
  projectHouseholds: reduce(s = 0, n IN inside | s + CASE WHEN n:Project THEN coalesce(n.households, 0) ELSE 0 END),
  projectSignedHouseholds: reduce(s = 0, n IN inside | s + coalesce(n.signedHouseholds, 0))
} AS measures
// Carrying the scope list into an aggregation would make it part of every grouping key. A scope
// without an active tie on the date (before its areas were formed) still gives its row: one null
// tie, counted by none of the figures and left out of the list.
UNWIND inside AS n
OPTIONAL MATCH (n)-[r]-()
WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
WITH nodes, measures, collect(DISTINCT r) AS rels
UNWIND CASE rels WHEN [] THEN [null] ELSE rels END AS r
WITH nodes, measures, type(r) AS relType, [l IN labels(startNode(r)) WHERE l <> 'Entity'][0] AS fromType,
     [l IN labels(endNode(r)) WHERE l <> 'Entity'][0] AS toType,
     coalesce(r.role, r.status, r.mode, r.kind, r.program) AS detail, startNode(r) AS s, endNode(r) AS e, r
WITH nodes, measures, relType, fromType, toType, detail, count(r) AS count, count(DISTINCT s) AS starts, count(DISTINCT e) AS ends
ORDER BY relType, fromType, toType, detail
RETURN nodes, collect(CASE WHEN relType IS NOT NULL THEN
  {relType: relType, fromType: fromType, toType: toType, detail: detail, count: count, starts: starts, ends: ends} END) AS ties, measures

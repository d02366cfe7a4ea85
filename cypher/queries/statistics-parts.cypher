// title: The whole graph's statistics in parts, by blocks of internal node ids (what the service keeps)
// title_zh: 全图统计的分块计数（按节点内部编号分块，服务据此增量维护）
// description: The figures of statistics-all, cut into parts the service keeps and counts again after a
// description: change: block b holds the nodes whose internal id (id(n)) lies in [b * blockSize,
// description: (b + 1) * blockSize). nodeParts: per block, node type, kind and category, the count and
// description: the measures' parts. startParts: per block of the ties' start nodes, tie type, ends' types
// description: and detail, the ties and their distinct starts. endParts: the same per block of the ties'
// description: end nodes, with their distinct ends. Every figure of statistics-all is a sum over the
// description: blocks. nodeBlocks, startBlocks and endBlocks name the blocks to count (null: all);
// description: a block is read by seeking its ids, so it costs its own nodes and their ties. Every part
// description: also lists its dates: the days on which what it counts can change (a designation's date,
// description: for its rectifications too; a tie's since and until, whether active or not), so that
// description: another date's parts differ only in the blocks with a date between the two.
// param asOf: Date! = 2020-03-01
// param blockSize: Integer! = 2048
// param nodeBlocks: [Integer] = [0]
// param startBlocks: [Integer] = [0]
// param endBlocks: [Integer] = [0]
CALL () {
  CALL () {
    WITH $nodeBlocks AS blocks WHERE blocks IS NULL
    MATCH (n:Entity)
    RETURN n
    UNION ALL
    UNWIND coalesce($nodeBlocks, []) AS b
    UNWIND range(b * $blockSize, (b + 1) * $blockSize - 1) AS i
    MATCH (n:Entity) WHERE id(n) = i
    RETURN n
  }
  WITH n, id(n) / $blockSize AS block, [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
       coalesce(n.kind, n.type, n.status) AS kind, coalesce(n.sector, n.category) AS category,
       // Designations (and their rectifications) count from the day they were made.
       NOT (n:Designation OR n:Rectification)
         OR (n:Designation AND (n.since IS NULL OR n.since <= $asOf))
         OR (n:Rectification AND EXISTS { MATCH (d:Designation)-[:RECTIFIED_BY]->(n) WHERE d.since IS NULL OR d.since <= $asOf }) AS counted,
       CASE WHEN n:Designation THEN [n.since]
            WHEN n:Rectification THEN [(d:Designation)-[:RECTIFIED_BY]->(n) | d.since] END AS dated
  WITH block, type, kind, category,
       sum(CASE WHEN counted THEN 1 ELSE 0 END) AS count,
       sum(CASE WHEN n:Area AND n.kind IN ['COMMUNITY', 'VILLAGE', 'NEIGHBOURHOOD'] THEN coalesce(n.population, 0) ELSE 0 END) AS population,
       sum(CASE WHEN n:Compound THEN coalesce(n.households, 0) ELSE 0 END) AS households,
       sum(coalesce(n.disputesSettled, 0)) AS disputesSettled,
       sum(coalesce(n.servedPerYear, 0)) AS servedPerYear,
       sum(CASE WHEN n:Project THEN coalesce(n.households, 0) ELSE 0 END) AS projectHouseholds,
       sum(coalesce(n.signedHouseholds, 0)) AS projectSignedHouseholds,
       collect(dated) AS dates
  RETURN collect({block: block, type: type, kind: kind, category: category, count: count, population: population,
                  households: households, disputesSettled: disputesSettled, servedPerYear: servedPerYear,
                  projectHouseholds: projectHouseholds, projectSignedHouseholds: projectSignedHouseholds,
                  dates: dates}) AS nodeParts
}
CALL () {
  CALL () {
    WITH $startBlocks AS blocks WHERE blocks IS NULL
    MATCH (s:Entity)-[r]->(e:Entity)
    RETURN s, r, e
    UNION ALL
    UNWIND coalesce($startBlocks, []) AS b
    UNWIND range(b * $blockSize, (b + 1) * $blockSize - 1) AS i
    MATCH (s:Entity) WHERE id(s) = i
    MATCH (s)-[r]->(e:Entity)
    RETURN s, r, e
  }
  WITH s, r, e, (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf) AS active
  WITH id(s) / $blockSize AS block, type(r) AS relType, [l IN labels(s) WHERE l <> 'Entity'][0] AS fromType,
       [l IN labels(e) WHERE l <> 'Entity'][0] AS toType, coalesce(r.role, r.status, r.mode, r.kind, r.program) AS detail,
       count(CASE WHEN active THEN r END) AS count, count(DISTINCT CASE WHEN active THEN s END) AS starts,
       collect(DISTINCT r.since) + collect(DISTINCT r.until) AS dates
  RETURN collect({block: block, relType: relType, fromType: fromType, toType: toType, detail: detail, count: count, starts: starts,
                  dates: dates}) AS startParts
}
CALL () {
  CALL () {
    WITH $endBlocks AS blocks WHERE blocks IS NULL
    MATCH (s:Entity)-[r]->(e:Entity)
    RETURN s, r, e
    UNION ALL
    UNWIND coalesce($endBlocks, []) AS b
    UNWIND range(b * $blockSize, (b + 1) * $blockSize - 1) AS i
    MATCH (e:Entity) WHERE id(e) = i
    MATCH (s:Entity)-[r]->(e)
    RETURN s, r, e
  }
  WITH s, r, e, (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf) AS active
  WITH id(e) / $blockSize AS block, type(r) AS relType, [l IN labels(s) WHERE l <> 'Entity'][0] AS fromType,
       [l IN labels(e) WHERE l <> 'Entity'][0] AS toType, coalesce(r.role, r.status, r.mode, r.kind, r.program) AS detail,
       count(DISTINCT CASE WHEN active THEN e END) AS ends,
       collect(DISTINCT r.since) + collect(DISTINCT r.until) AS dates
  RETURN collect({block: block, relType: relType, fromType: fromType, toType: toType, detail: detail, ends: ends,
                  dates: dates}) AS endParts
}
RETURN nodeParts, startParts, endParts

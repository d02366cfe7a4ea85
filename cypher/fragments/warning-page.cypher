// The page of a warning rule's findings, in the order of warningSigns (name, then finding id
// "<rule>:<organization id>"), after the cursor's name and id when given; at most $limit rows. Only the
// page's findings reach the RETURN that gathers their evidence.
WITH * WHERE $afterName IS NULL OR o.name > $afterName OR (o.name = $afterName AND $rule + ':' + o.id > $afterId)
// (Ordered by an expression, not the property: ordering by o.name lets the planner walk the name index
// of every organization in the graph, in order, to find a scope's few.)
WITH * ORDER BY coalesce(o.name, '') , o.id LIMIT $limit

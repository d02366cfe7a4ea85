// The page of a warning rule's findings, in the order of warningSigns (name, then finding id
// "<rule>:<organization id>"), after the cursor's name and id when given; at most $limit rows. Only the
// page's findings reach the RETURN that gathers their evidence.
WITH * WHERE $afterName IS NULL OR o.name > $afterName OR (o.name = $afterName AND $rule + ':' + o.id > $afterId)
WITH * ORDER BY o.name, o.id LIMIT $limit

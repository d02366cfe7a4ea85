// title: Warning sign: no recorded organizational life within the window
// title_zh: 预警：近期无组织生活记录
// description: Organizations in orgIds (all when null) with no Activity held in the windowMonths before
// description: asOf. Evidence: the date of the last activity (or none), the window and its start.
// param orgIds: [String] = null
// param windowMonths: Int! = 6
// param asOf: Date! = 2020-03-01
// param rule: String! = NO_RECENT_ACTIVITY
// param afterName: String = null
// param afterId: String = null
// param limit: Int! = 1000000
// include: scope-organization-rows
WITH o, $asOf - duration({months: $windowMonths}) AS windowStart
WITH o, windowStart, COLLECT { MATCH (a:Activity)-[:HELD_BY]->(o) WHERE a.date <= $asOf RETURN a.date ORDER BY a.date DESC LIMIT 1 }[0] AS last
WHERE last IS NULL OR last < windowStart
// include: warning-page
RETURN o {.*, __type: 'PartyOrganization'} AS organization,
       {lastActivity: toString(last), windowMonths: $windowMonths, windowStart: toString(windowStart)} AS evidence

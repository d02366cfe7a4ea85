// title: Warning sign: fewer formal members than a branch needs
// title_zh: 预警：正式党员不足3名
// description: Organizations in orgIds (all when null) with fewer than minFormalMembers formal members on
// description: asOf. Evidence: formal and probationary members and the threshold.
// param orgIds: [String] = null
// param minFormalMembers: Int! = 3
// param asOf: Date! = 2020-03-01
// param rule: String! = FEW_FORMAL_MEMBERS
// param afterName: String = null
// param afterId: String = null
// param limit: Int! = 1000000
// include: scope-organization-rows
WITH o WHERE o.kind IN ['BRANCH', 'GENERAL_BRANCH', 'COMMITTEE']
  AND o.sector IN ['COMMUNITY', 'ORGAN', 'INSTITUTION', 'STATE_ENTERPRISE', 'TWO_NEW', 'PROJECT']
WITH o, COUNT { MATCH (:Person)-[m:MEMBER_OF {status: 'FORMAL'}]->(o)
                WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf) } AS formal
WHERE formal < $minFormalMembers
// include: warning-page
RETURN o {.*, __type: 'PartyOrganization'} AS organization, {
  formalMembers: formal,
  probationaryMembers: COUNT { MATCH (:Person)-[m:MEMBER_OF {status: 'PROBATIONARY'}]->(o)
                               WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf) },
  threshold: $minFormalMembers
} AS evidence

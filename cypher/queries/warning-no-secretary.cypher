// title: Warning sign: no secretary, or the post vacant
// title_zh: 预警：未配备书记或书记空缺
// description: Organizations in orgIds (all when null) with no active SECRETARY post on asOf. Evidence: the
// description: posts it does have, its members, and since when the last secretary left, if one did.
// param orgIds: [String] = null
// param asOf: Date! = 2020-03-01
// param rule: String! = NO_SECRETARY
// param afterName: String = null
// param afterId: String = null
// param limit: Int! = 1000000
// include: scope-organization-rows
WITH o WHERE NOT EXISTS { MATCH (:Person)-[h:HOLDS_POST {role: 'SECRETARY'}]->(o)
                   WHERE (h.since IS NULL OR h.since <= $asOf) AND (h.until IS NULL OR h.until > $asOf) }
// include: warning-page
RETURN o {.*, __type: 'PartyOrganization'} AS organization, {
  posts: COLLECT { MATCH (:Person)-[h:HOLDS_POST]->(o) WHERE (h.since IS NULL OR h.since <= $asOf) AND (h.until IS NULL OR h.until > $asOf) RETURN h.role },
  members: COUNT { MATCH (:Person)-[m:MEMBER_OF]->(o) WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf) },
  vacantSince: toString(COLLECT { MATCH (:Person)-[h:HOLDS_POST {role: 'SECRETARY'}]->(o) WHERE h.until <= $asOf RETURN h.until ORDER BY h.until DESC LIMIT 1 }[0])
} AS evidence

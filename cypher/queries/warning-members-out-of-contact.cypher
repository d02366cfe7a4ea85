// title: Warning sign: an unusual share of members out of contact
// title_zh: 预警：失联党员比例偏高
// description: Organizations in orgIds (all when null) where the share of members marked out of contact on
// description: asOf exceeds maxShare (and at least minMembers are out of contact). Evidence: the counts, the
// description: share and the threshold.
// param orgIds: [String] = null
// param maxShare: Float! = 0.1
// param minMembers: Int! = 1
// param asOf: Date! = 2020-03-01
// param rule: String! = MEMBERS_OUT_OF_CONTACT
// param afterName: String = null
// param afterId: String = null
// param limit: Int! = 1000000
// include: scope-organization-rows
MATCH (p:Person)-[m:MEMBER_OF]->(o)
WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
WITH o, count(p) AS members, sum(CASE WHEN m.outOfContact THEN 1 ELSE 0 END) AS outOfContact
WHERE outOfContact >= $minMembers AND 1.0 * outOfContact / members > $maxShare
// include: warning-page
RETURN o {.*, __type: 'PartyOrganization'} AS organization,
       {members: members, outOfContact: outOfContact, share: round(1.0 * outOfContact / members, 3), threshold: $maxShare} AS evidence

// title: Warning sign: no pairing or co-building tie
// title_zh: 预警：无结对共建关系
// description: Community, two-new and organ organizations in orgIds (all when null) with, on asOf, no pairing
// description: in either direction (of the organization, of its unit, or of the area it leads), no resource
// description: provided, and no part-time seat held on behalf of its unit. Evidence: what was looked for.
// param orgIds: [String] = null
// param asOf: Date! = 2020-03-01
// param rule: String! = NO_COBUILDING_TIE
// param afterName: String = null
// param afterId: String = null
// param limit: Int! = 1000000
// include: scope-organization-rows
WITH o WHERE o.sector IN ['COMMUNITY', 'TWO_NEW', 'ORGAN']
  AND NOT EXISTS { MATCH (o)-[p:PAIRED_WITH]-() WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf) }
  AND NOT EXISTS { MATCH (o)-[:ESTABLISHED_IN]->(:Unit)-[p:PAIRED_WITH]-() WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf) }
  AND NOT EXISTS { MATCH (o)-[:LEADS]->(:Area)<-[p:PAIRED_WITH]-() WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf) }
  AND NOT EXISTS { MATCH (o)-[p:PROVIDES]->() WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf) }
  // Its unit sits on a committee through a part-time member: found through the index on the post's
  // onBehalfOf (V0008), not by gathering every post of the graph first.
  AND NOT EXISTS { MATCH (o)-[:ESTABLISHED_IN]->(u:Unit)
                   MATCH (:Person)-[h:HOLDS_POST {onBehalfOf: u.id}]->(:PartyOrganization)
                   WHERE h.role = 'PART_TIME_MEMBER' AND (h.since IS NULL OR h.since <= $asOf) AND (h.until IS NULL OR h.until > $asOf) }
// include: warning-page
RETURN o {.*, __type: 'PartyOrganization'} AS organization,
       {pairings: 0, resourcesProvided: 0, partTimeSeats: 0, sector: o.sector} AS evidence

// title: Members out of contact, per organization
// title_zh: 各党组织失联党员情况
// description: Organizations with members marked out of contact as of asOf, with the count and the share of
// description: their members.
// param asOf: Date! = 2020-03-01
MATCH (p:Person)-[m:MEMBER_OF]->(o:PartyOrganization)
WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
WITH o, count(p) AS members, sum(CASE WHEN m.outOfContact THEN 1 ELSE 0 END) AS outOfContact
WHERE outOfContact > 0
RETURN o.name AS organization, o.sector AS sector, members, outOfContact, round(1.0 * outOfContact / members, 3) AS share
ORDER BY share DESC, organization

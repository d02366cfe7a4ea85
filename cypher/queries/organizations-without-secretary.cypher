// title: Party organizations without a secretary
// title_zh: 书记空缺的党组织
// description: Organizations of the given sectors with no active SECRETARY post as of asOf, with their
// description: member count and the organization they report to.
// param sectors: [String]! = ["TWO_NEW", "ORGAN", "COMMUNITY", "INSTITUTION", "STATE_ENTERPRISE", "PROJECT", "INDUSTRY", "COMPREHENSIVE", "BIG_COMMUNITY", "TOWN", "CITY", "TWO_NEW_WORKING_COMMITTEE"]
// param asOf: Date! = 2020-03-01
MATCH (o:PartyOrganization)
WHERE o.sector IN $sectors
  AND NOT EXISTS { MATCH (:Person)-[h:HOLDS_POST {role: 'SECRETARY'}]->(o)
                   WHERE (h.since IS NULL OR h.since <= $asOf) AND (h.until IS NULL OR h.until > $asOf) }
OPTIONAL MATCH (o)-[r:REPORTS_TO]->(up:PartyOrganization)
WHERE r.until IS NULL OR r.until > $asOf
RETURN o.id AS organization, o.name AS name, o.sector AS sector, up.name AS reportsTo,
       COUNT { MATCH (:Person)-[m:MEMBER_OF]->(o) WHERE m.until IS NULL OR m.until > $asOf } AS members
ORDER BY sector, name

// title: Units managed by each industry and comprehensive committee
// title_zh: 各行业党委、综合党委归口管理的单位数
// description: For each committee of the given sectors, the organizations it manages by industry and the
// description: units those organizations are established in, per unit kind, as of asOf.
// param sectors: [String]! = ["INDUSTRY", "COMPREHENSIVE"]
// param asOf: Date! = 2020-03-01
MATCH (c:PartyOrganization) WHERE c.sector IN $sectors
OPTIONAL MATCH (o:PartyOrganization)-[m:MANAGED_BY {mode: 'INDUSTRY'}]->(c)
WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
OPTIONAL MATCH (o)-[e:ESTABLISHED_IN]->(u:Unit)
WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf)
RETURN c.name AS committee, c.sector AS sector, count(DISTINCT o) AS organizations, count(DISTINCT u) AS units,
       count(DISTINCT CASE WHEN u.kind = 'NON_PUBLIC_ENTERPRISE' THEN u END) AS enterprises,
       count(DISTINCT CASE WHEN u.kind = 'SOCIAL_ORGANIZATION' THEN u END) AS socialOrganizations
ORDER BY units DESC, committee

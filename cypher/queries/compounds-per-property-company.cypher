// title: Compounds per property company, and whether the company has a Party organization
// title_zh: 各物业企业服务小区数及党组织建立情况
// description: Property companies with the compounds they manage as of asOf, and whether a Party
// description: organization is established in them.
// param asOf: Date! = 2020-03-01
MATCH (pc:Unit {kind: 'PROPERTY_COMPANY'})<-[m:MANAGED_BY]-(c:Compound)
WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
RETURN pc.name AS propertyCompany, count(c) AS compounds, collect(c.name) AS names,
       EXISTS { MATCH (:PartyOrganization)-[e:ESTABLISHED_IN]->(pc)
                WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf) } AS hasOrganization
ORDER BY compounds DESC, propertyCompany

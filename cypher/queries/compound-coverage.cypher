// title: Compounds covered by a property company with a Party organization, an owners' committee with members, a grid with workers
// title_zh: 小区覆盖（物业企业建立党组织、业委会有党员、网格有网格员）
// description: Compounds of the given kinds inside the scope (an area and its parts, or the areas a Party
// description: organization and its subordinates lead; all compounds when scope is null), each with the three
// description: ways it can be covered, judged separately, as of asOf. Compounds covered by none come first.
// param scope: ID = area-c000-0000002
// param compoundKinds: [String]! = ["RESIDENTIAL", "COMMERCIAL"]
// param asOf: Date! = 2020-03-01
// include: scope
MATCH (c:Compound)
WHERE c.kind IN $compoundKinds
  AND (root IS NULL OR EXISTS { MATCH (c)-[i:IN]->(a) WHERE a IN areas AND (i.until IS NULL OR i.until > $asOf) })
// include: compound-row
ORDER BY byNone DESC, c.name, c.id
RETURN count(c) AS total,
  sum(CASE WHEN byPropertyCompany THEN 1 ELSE 0 END) AS byPropertyCompany,
  sum(CASE WHEN byOwnersCommittee THEN 1 ELSE 0 END) AS byOwnersCommittee,
  sum(CASE WHEN byGrid THEN 1 ELSE 0 END) AS byGrid,
  sum(CASE WHEN byNone THEN 1 ELSE 0 END) AS byNone,
  collect({compound: c {.*, __type: 'Compound'}, propertyCompanies: propertyCompanies, ownersCommittees: ownersCommittees,
           grids: grids, byPropertyCompany: byPropertyCompany, byOwnersCommittee: byOwnersCommittee, byGrid: byGrid,
           byNone: byNone}) AS compounds

// title: Committees and branches whose term has run out without a new election
// title_zh: 届期已满未按期换届的党组织
// description: Organizations elected (electedOn) longer ago than the term of their kind: termYears for
// description: committees and general branches, branchTermYears for branches; as of asOf.
// param termYears: Int! = 5
// param branchTermYears: Int! = 3
// param asOf: Date! = 2024-03-01
MATCH (o:PartyOrganization) WHERE o.electedOn IS NOT NULL
WITH o, CASE o.kind WHEN 'BRANCH' THEN $branchTermYears ELSE $termYears END AS term
WHERE o.electedOn + duration({years: term}) <= $asOf
RETURN o.name AS organization, o.kind AS kind, o.sector AS sector, o.electedOn AS electedOn,
       o.electedOn + duration({years: term}) AS termEnded
ORDER BY termEnded, organization

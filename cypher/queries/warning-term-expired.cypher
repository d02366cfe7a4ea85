// title: Warning sign: term expired without re-election
// title_zh: 预警：届期已满未按期换届
// description: Organizations in orgIds (all when null) whose committee was elected (electedOn) longer ago
// description: than the term of its kind: committeeTermYears for committees and working committees,
// description: branchTermYears for general branches and branches. Evidence: electedOn, the term, when it ended.
// param orgIds: [String] = null
// param committeeTermYears: Int! = 5
// param branchTermYears: Int! = 3
// param asOf: Date! = 2020-03-01
// param rule: String! = TERM_EXPIRED
// param afterName: String = null
// param afterId: String = null
// param limit: Int! = 1000000
// include: scope-organization-rows
WITH o WHERE o.electedOn IS NOT NULL
WITH o, CASE WHEN o.kind IN ['BRANCH', 'GENERAL_BRANCH'] THEN $branchTermYears ELSE $committeeTermYears END AS term
WITH o, term, o.electedOn + duration({years: term}) AS termEnded
WHERE termEnded <= $asOf
// include: warning-page
RETURN o {.*, __type: 'PartyOrganization'} AS organization,
       {electedOn: toString(o.electedOn), termYears: term, termEnded: toString(termEnded),
        overdueDays: duration.inDays(termEnded, $asOf).days} AS evidence

// title: Twin-link pairings per organ
// title_zh: 各机关单位“双联双帮双带”结对情况
// description: Government organs with their active pairings as of asOf and the communities or organizations
// description: paired; organs without a pairing appear with 0.
// param program: String = 双联双帮双带
// param asOf: Date! = 2020-03-01
MATCH (u:Unit {kind: 'GOVERNMENT_ORGAN'})
OPTIONAL MATCH (u)-[p:PAIRED_WITH]->(target)
WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf)
  AND ($program IS NULL OR p.program = $program)
RETURN u.id AS organ, u.name AS name, count(target) AS pairings, collect(target.name) AS paired
ORDER BY pairings DESC, name

// What covers one unit u (after a clause that binds it), as of $asOf: the one definition of a unit's
// coverage, included by coverage (a scope's units) and coverage-units (each unit, for the coverage
// kept per unit). Binds u, area (its community: where it is located, or its compound's area), big
// (the big community above that), territorial (the organization leading the area), industry (the
// industry committee managing its organization), formalMembers, partyMembers, organizational, work,
// shouldBuild, and uncoveredRow (the unit as the list of uncovered units shows it; null when covered).
// What covers the unit.
OPTIONAL CALL (u) {
  MATCH (o:PartyOrganization)-[e:ESTABLISHED_IN]->(u)
  WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf)
  RETURN o AS organization, e.mode AS mode ORDER BY e.since LIMIT 1
}
WITH u, organization, mode,
  EXISTS { MATCH (:Person)-[i:INSTRUCTS]->(u) WHERE (i.since IS NULL OR i.since <= $asOf) AND (i.until IS NULL OR i.until > $asOf) } AS instructed,
  EXISTS { MATCH (u)-[p:PAIRED_WITH]->() WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf) } AS paired,
  COUNT { MATCH (p:Person)-[w:WORKS_AT]->(u)
          WHERE (w.since IS NULL OR w.since <= $asOf) AND (w.until IS NULL OR w.until > $asOf)
            AND EXISTS { MATCH (p)-[m:MEMBER_OF]->(:PartyOrganization)
                         WHERE m.status = 'FORMAL' AND (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf) } } AS formalMembers,
  COUNT { MATCH (p:Person)-[w:WORKS_AT]->(u)
          WHERE (w.since IS NULL OR w.since <= $asOf) AND (w.until IS NULL OR w.until > $asOf)
            AND EXISTS { MATCH (p)-[m:MEMBER_OF]->(:PartyOrganization)
                         WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf) } } AS partyMembers
// Where it is, and who manages it.
OPTIONAL CALL (u) {
  MATCH (u)-[l:LOCATED_IN]->(p)
  WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
  OPTIONAL MATCH (p:Compound)-[:IN]->(inArea:Area)
  RETURN coalesce(inArea, p) AS area LIMIT 1
}
OPTIONAL CALL (area) {
  MATCH (area)((:Area)-[:PART_OF]->(:Area)){0,4}(big:Area {kind: 'BIG_COMMUNITY'})
  RETURN big LIMIT 1
}
OPTIONAL CALL (area) {
  MATCH (territorial:PartyOrganization)-[l:LEADS]->(area)
  WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
  RETURN territorial LIMIT 1
}
OPTIONAL CALL (organization) {
  MATCH (organization)-[m:MANAGED_BY {mode: 'INDUSTRY'}]->(industry:PartyOrganization)
  WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
  RETURN industry LIMIT 1
}
WITH u, organization, mode, area, big, territorial, industry, formalMembers, partyMembers,
  organization IS NOT NULL AS organizational,
  organization IS NULL AND (instructed OR paired) AS work,
  organization IS NULL AND formalMembers >= 3 AS shouldBuild
WITH u, area, big, territorial, industry, formalMembers, partyMembers, organizational, work, shouldBuild,
  CASE WHEN NOT organizational AND NOT work THEN {
    id: u.id, name: u.name, unit: u {.*, __type: 'Unit'}, shouldBuild: shouldBuild, formalMembers: formalMembers,
    partyMembers: partyMembers, area: area {.*, __type: 'Area'}, bigCommunity: big {.*, __type: 'Area'},
    managingOrganization: CASE WHEN industry IS NOT NULL THEN industry {.*, __type: 'PartyOrganization'} ELSE territorial {.*, __type: 'PartyOrganization'} END
  } END AS uncoveredRow

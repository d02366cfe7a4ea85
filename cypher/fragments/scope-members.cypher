// The organizations and units inside a scope, after the fragment scope (root, orgTree, areas).
// locatedUnits: units located in the areas, directly or in one of their compounds.
// orgs: orgTree, the organizations leading the areas or established in the located units, and every
//   organization below any of them by active REPORTS_TO or MANAGED_BY.
// units: the located units, and the units hosting an organization of orgs.
WITH root, orgTree, areas, COLLECT {
  CALL (areas) {
    UNWIND areas AS a
    MATCH (u:Unit)-[l:LOCATED_IN WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)]->(a)
    RETURN u
    UNION
    UNWIND areas AS a
    MATCH (u:Unit)-[l:LOCATED_IN WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)]->(:Compound)-[:IN]->(a)
    RETURN u
  }
  RETURN DISTINCT u
} AS locatedUnits
WITH root, orgTree, areas, locatedUnits, COLLECT {
  CALL (orgTree, areas, locatedUnits) {
    UNWIND orgTree AS o RETURN o
    UNION
    UNWIND areas AS a MATCH (o:PartyOrganization)-[l:LEADS]->(a)
    WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf) RETURN o
    UNION
    UNWIND locatedUnits AS u MATCH (o:PartyOrganization)-[e:ESTABLISHED_IN]->(u)
    WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf) RETURN o
  }
  MATCH (s:PartyOrganization)((:PartyOrganization)-[r:REPORTS_TO|MANAGED_BY WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)]->(:PartyOrganization)){0,8}(o)
  RETURN DISTINCT s
} AS orgs
WITH root, orgTree, areas, orgs, COLLECT {
  CALL (orgs, locatedUnits) {
    UNWIND locatedUnits AS u RETURN u
    UNION
    UNWIND orgs AS o MATCH (o)-[e:ESTABLISHED_IN]->(u:Unit)
    WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf) RETURN u
  }
  RETURN DISTINCT u
} AS units

// title: The Party organizations inside a scope
// title_zh: 范围内的党组织
// description: For an area: the organizations leading it or the areas part of it, those established in units
// description: located there, and everything reporting to them. For a Party organization: it and everything
// description: reporting to it. As of asOf. The weak-organization questions and warning signs take these ids.
// param scope: ID! = area-c000-0000002
// param asOf: Date! = 2020-03-01
OPTIONAL MATCH (root:Entity {id: $scope})
WITH root, COLLECT {
  MATCH (top:Area)
  WHERE top = root
  MATCH (a:Area)((:Area)-[p:PART_OF WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf)]->(:Area)){0,8}(top)
  RETURN DISTINCT a
} AS areas
WITH root, areas, COLLECT {
  CALL (root, areas) {
    MATCH (o:PartyOrganization) WHERE o = root RETURN o
    UNION
    UNWIND areas AS a MATCH (o:PartyOrganization)-[l:LEADS]->(a)
    WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf) RETURN o
    UNION
    UNWIND areas AS a MATCH (u:Unit)-[l:LOCATED_IN]->(a)
    MATCH (o:PartyOrganization)-[e:ESTABLISHED_IN]->(u)
    WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
      AND (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf) RETURN o
    UNION
    UNWIND areas AS a MATCH (u:Unit)-[l:LOCATED_IN]->(:Compound)-[:IN]->(a)
    MATCH (o:PartyOrganization)-[e:ESTABLISHED_IN]->(u)
    WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
      AND (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf) RETURN o
  }
  MATCH (s:PartyOrganization)((:PartyOrganization)-[r:REPORTS_TO WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)]->(:PartyOrganization)){0,8}(o)
  RETURN DISTINCT s.id
} AS ids
RETURN ids

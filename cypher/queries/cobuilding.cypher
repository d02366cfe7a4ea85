// title: Co-building around an area or a Party organization: part-time members, pairings, joint branches, contracted grids, resources
// title_zh: 共建情况（兼职委员、结对共建、联合党支部、包点网格、共建资源）
// description: For an area, the Party organization leading it; for an organization, the areas it leads; with
// description: the areas part of them. Channels, all as of asOf: part-time committee members of the
// description: organization with the unit each represents; pairings to or from the organization, its areas,
// description: or its unit; joint branches located in its areas with their units; grids of its areas contracted
// description: by units; resources serving its areas or provided by it. Score = 3 x pairings + 2 x part-time
// description: members + 2 x units in joint branches + contracted grids + resources.
// param id: ID! = org-c000-0000015
// param asOf: Date! = 2020-03-01
MATCH (root:Entity {id: $id}) WHERE root:Area OR root:PartyOrganization
WITH root, COLLECT {
  MATCH (o:PartyOrganization) WHERE o = root RETURN o
  UNION
  MATCH (o:PartyOrganization)-[l:LEADS]->(root:Area)
  WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf) RETURN o
} AS orgs
WITH root, orgs, COLLECT {
  MATCH (top:Area)
  WHERE top = root OR EXISTS { MATCH (o:PartyOrganization)-[l:LEADS]->(top) WHERE o IN orgs AND (l.until IS NULL OR l.until > $asOf) }
  MATCH (a:Area)((:Area)-[p:PART_OF WHERE (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf)]->(:Area)){0,6}(top)
  RETURN DISTINCT a
} AS areas
WITH root, orgs, areas,
  COLLECT {
    UNWIND orgs AS o
    MATCH (p:Person)-[h:HOLDS_POST {role: 'PART_TIME_MEMBER'}]->(o)
    WHERE (h.since IS NULL OR h.since <= $asOf) AND (h.until IS NULL OR h.until > $asOf)
    OPTIONAL MATCH (u:Unit {id: h.onBehalfOf})
    RETURN {person: p {.id, .name, __type: 'Person'}, organization: o {.*, __type: 'PartyOrganization'},
            unit: u {.*, __type: 'Unit'}, since: h.since}
  } AS partTimeMembers,
  COLLECT {
    MATCH (x)-[p:PAIRED_WITH]-(y)
    WHERE (x IN orgs OR x IN areas OR EXISTS { MATCH (o:PartyOrganization)-[:ESTABLISHED_IN]->(x) WHERE o IN orgs })
      AND (p.since IS NULL OR p.since <= $asOf) AND (p.until IS NULL OR p.until > $asOf)
    WITH DISTINCT p
    WITH p, startNode(p) AS partner, endNode(p) AS target
    RETURN {id: p.id, program: p.program, since: p.since,
            partner: partner {.*, __type: [l IN labels(partner) WHERE l <> 'Entity'][0]},
            target: target {.*, __type: [l IN labels(target) WHERE l <> 'Entity'][0]}}
  } AS pairings,
  COLLECT {
    UNWIND areas AS a
    MATCH (u:Unit)-[:LOCATED_IN]->(a)
    MATCH (b:PartyOrganization)-[e:ESTABLISHED_IN {mode: 'JOINT'}]->(u)
    WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf)
    WITH b, collect(DISTINCT u {.*, __type: 'Unit'}) AS units
    RETURN {branch: b {.*, __type: 'PartyOrganization'}, units: units}
  } AS jointBranches,
  COLLECT {
    UNWIND areas AS a
    MATCH (g:Grid)-[:PART_OF]->(a)
    MATCH (u:Unit)-[c:CONTRACTS]->(g)
    WHERE (c.since IS NULL OR c.since <= $asOf) AND (c.until IS NULL OR c.until > $asOf)
    RETURN {grid: g {.*, __type: 'Grid'}, unit: u {.*, __type: 'Unit'}, since: c.since}
  } AS contractedGrids,
  COLLECT {
    CALL (orgs, areas) {
      UNWIND areas AS a MATCH (r:Resource)-[:SERVES]->(a) RETURN r
      UNION
      UNWIND orgs AS o MATCH (o)-[:PROVIDES]->(r:Resource) WHERE NOT r.kind IN ['GRID_TEAM', 'COMMANDO_TEAM'] RETURN r
    }
    RETURN {resource: r {.*, __type: 'Resource'},
            providers: COLLECT { MATCH (p)-[v:PROVIDES]->(r) WHERE v.until IS NULL OR v.until > $asOf
                                 RETURN p {.*, __type: [l IN labels(p) WHERE l <> 'Entity'][0]} }}
  } AS resources
RETURN root {.*, __type: [l IN labels(root) WHERE l <> 'Entity'][0]} AS root,
  [o IN orgs | o {.*, __type: 'PartyOrganization'}] AS organizations,
  partTimeMembers, pairings, jointBranches, contractedGrids, resources,
  3 * size(pairings) + 2 * size(partTimeMembers) + 2 * reduce(s = 0, j IN jointBranches | s + size(j.units))
    + size(contractedGrids) + size(resources) AS score

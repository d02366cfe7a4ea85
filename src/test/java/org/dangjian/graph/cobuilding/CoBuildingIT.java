package org.dangjian.graph.cobuilding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Co-building on a fixture with answers worked out by hand:
 *
 * <pre>
 * big community BC (led by committee K) with communities C1 (led by O1), C2 (led by O2), C3
 * organ U1: pairs with C1, contracts grid G1 of C1, provides resource R1 serving C2
 * organ U2: pairs with O2;  unit U3 (in C1): person P sits on K for it (part-time member)
 * joint branch J: units U4, U5 in C1
 * </pre>
 */
@IntegrationTest
class CoBuildingIT extends GraphFixture {

    @BeforeEach
    void fixture() {
        try (var session = driver.session()) {
            session.run("""
                    CREATE (bc:Entity:Area {id: 'area-BC' + $t, name: 'BC' + $t, kind: 'BIG_COMMUNITY'})
                    CREATE (c1:Entity:Area {id: 'area-C1' + $t, name: 'C1' + $t, kind: 'COMMUNITY'})-[:PART_OF {id: 'area_inclusion-1' + $t}]->(bc)
                    CREATE (c2:Entity:Area {id: 'area-C2' + $t, name: 'C2' + $t, kind: 'COMMUNITY'})-[:PART_OF {id: 'area_inclusion-2' + $t}]->(bc)
                    CREATE (c3:Entity:Area {id: 'area-C3' + $t, name: 'C3' + $t, kind: 'COMMUNITY'})-[:PART_OF {id: 'area_inclusion-3' + $t}]->(bc)
                    CREATE (k:Entity:PartyOrganization {id: 'org-K' + $t, name: 'K' + $t, kind: 'COMMITTEE', sector: 'BIG_COMMUNITY'})-[:LEADS {id: 'area_leadership-K' + $t}]->(bc)
                    CREATE (o1:Entity:PartyOrganization {id: 'org-O1' + $t, name: 'O1' + $t, kind: 'COMMITTEE', sector: 'COMMUNITY'})-[:LEADS {id: 'area_leadership-1' + $t}]->(c1)
                    CREATE (o2:Entity:PartyOrganization {id: 'org-O2' + $t, name: 'O2' + $t, kind: 'COMMITTEE', sector: 'COMMUNITY'})-[:LEADS {id: 'area_leadership-2' + $t}]->(c2)
                    CREATE (u1:Entity:Unit {id: 'unit-U1' + $t, name: 'U1' + $t, kind: 'GOVERNMENT_ORGAN'})
                    CREATE (u2:Entity:Unit {id: 'unit-U2' + $t, name: 'U2' + $t, kind: 'GOVERNMENT_ORGAN'})
                    CREATE (u3:Entity:Unit {id: 'unit-U3' + $t, name: 'U3' + $t, kind: 'PROPERTY_COMPANY'})-[:LOCATED_IN {id: 'location-3' + $t}]->(c1)
                    CREATE (u4:Entity:Unit {id: 'unit-U4' + $t, name: 'U4' + $t, kind: 'NON_PUBLIC_ENTERPRISE'})-[:LOCATED_IN {id: 'location-4' + $t}]->(c1)
                    CREATE (u5:Entity:Unit {id: 'unit-U5' + $t, name: 'U5' + $t, kind: 'NON_PUBLIC_ENTERPRISE'})-[:LOCATED_IN {id: 'location-5' + $t}]->(c1)
                    CREATE (j:Entity:PartyOrganization {id: 'org-J' + $t, name: 'J' + $t, kind: 'BRANCH', sector: 'TWO_NEW'})
                    CREATE (j)-[:ESTABLISHED_IN {id: 'establishment-4' + $t, mode: 'JOINT'}]->(u4)
                    CREATE (j)-[:ESTABLISHED_IN {id: 'establishment-5' + $t, mode: 'JOINT'}]->(u5)
                    CREATE (u1)-[:PAIRED_WITH {id: 'pairing-1' + $t, program: '双联双帮双带', since: date('2019-06-01')}]->(c1)
                    CREATE (u2)-[:PAIRED_WITH {id: 'pairing-2' + $t, program: '双联双帮双带', since: date('2019-06-01')}]->(o2)
                    CREATE (g1:Entity:Grid {id: 'grid-G1' + $t, name: 'G1' + $t})-[:PART_OF {id: 'grid_area-1' + $t}]->(c1)
                    CREATE (u1)-[:CONTRACTS {id: 'grid_contract-1' + $t}]->(g1)
                    CREATE (r1:Entity:Resource {id: 'resource-R1' + $t, name: 'R1' + $t, kind: 'FUND'})-[:SERVES {id: 'service-1' + $t}]->(c2)
                    CREATE (u1)-[:PROVIDES {id: 'provision-1' + $t}]->(r1)
                    CREATE (p:Entity:Person {id: 'person-P' + $t, name: '兼职委员', phone: '13900001111', idNumber: '460400199001011234'})
                    CREATE (p)-[:HOLDS_POST {id: 'post-P' + $t, role: 'PART_TIME_MEMBER', onBehalfOf: u3.id, since: date('2018-06-01')}]->(k)
                    """, Map.of("t", t)).consume();
        }
    }

    @Test
    void coBuildingOfACommitteeCountsEachChannelAsWorkedOut() {
        api.document("""
                query($id: ID!) { coBuilding(id: $id) { organizations { id } partTimeMembers { person { name } unit { id } }
                  pairings { partner { id } target { id } } jointBranches { branch { id } units { id } }
                  contractedGrids { grid { id } unit { id } } resources { resource { id } providers { id } }
                  counts { partTimeMembers pairings jointBranchUnits contractedGrids resources } score } }""")
                .variable("id", "org-K" + t)
                .execute()
                .path("coBuilding.organizations[*].id")
                .entityList(String.class)
                .containsExactly("org-K" + t)
                .path("coBuilding.partTimeMembers[0].unit.id")
                .entity(String.class)
                .isEqualTo("unit-U3" + t)
                .path("coBuilding.pairings[*].partner.id")
                .entityList(String.class)
                .containsExactly("unit-U1" + t)
                .path("coBuilding.jointBranches[0].units")
                .entityList(Object.class)
                .hasSize(2)
                .path("coBuilding.contractedGrids[0].unit.id")
                .entity(String.class)
                .isEqualTo("unit-U1" + t)
                .path("coBuilding.resources[0].providers[*].id")
                .entityList(String.class)
                .containsExactly("unit-U1" + t)
                .path("coBuilding.counts.partTimeMembers")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("coBuilding.counts.pairings")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("coBuilding.counts.jointBranchUnits")
                .entity(Integer.class)
                .isEqualTo(2)
                .path("coBuilding.counts.contractedGrids")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("coBuilding.counts.resources")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("coBuilding.score")
                .entity(Integer.class)
                .isEqualTo(3 + 2 + 4 + 1 + 1);
    }

    @Test
    void coBuildingOfACommunityIncludesPairingsWithTheOrganizationLeadingIt() {
        api.document(
                        "query($id: ID!) { coBuilding(id: $id) { organizations { id } pairings { partner { id } } score } }")
                .variable("id", "area-C2" + t)
                .execute()
                .path("coBuilding.organizations[*].id")
                .entityList(String.class)
                .containsExactly("org-O2" + t)
                .path("coBuilding.pairings[*].partner.id")
                .entityList(String.class)
                .containsExactly("unit-U2" + t)
                .path("coBuilding.score")
                .entity(Integer.class)
                .isEqualTo(3 + 1);
    }

    @Test
    void bridgesRankUnitsByTheCommunitiesTheyTie() {
        api.document("query($s: ID) { bridges(scope: $s, first: 5) { node { id } communities channels } }")
                .variable("s", "area-BC" + t)
                .execute()
                .path("bridges[0].node.id")
                .entity(String.class)
                .isEqualTo("unit-U1" + t)
                .path("bridges[0].communities")
                .entity(Integer.class)
                .isEqualTo(2)
                .path("bridges[0].channels")
                .entityList(String.class)
                .contains("PAIRING", "CONTRACTED_GRID", "RESOURCE")
                .path("bridges[?(@.node.id == 'unit-U3" + t + "')].channels[0]")
                .entityList(String.class)
                .containsExactly("PART_TIME_SEAT");
    }

    @Test
    void unpairedAreasAreTheCommunitiesWithoutAnyPairing() {
        api.document("query($s: ID) { unpairedAreas(scope: $s) { area { id } } }")
                .variable("s", "area-BC" + t)
                .execute()
                .path("unpairedAreas[*].area.id")
                .entityList(String.class)
                .containsExactly("area-C3" + t);
    }

    @Test
    void networkIsAGraphWithinDepthAndLimitWithoutPersonalData() {
        var r = api.document("""
                query($ids: [ID!]!, $d: Int, $l: Int) { network(rootIds: $ids, depth: $d, limit: $l) {
                  truncated nodes { id type label properties } edges { id source target type } } }""")
                .variable("ids", java.util.List.of("org-K" + t))
                .variable("d", 1)
                .variable("l", 50)
                .execute();
        r.path("network.nodes[*].id")
                .entityList(String.class)
                .contains("org-K" + t, "area-BC" + t, "person-P" + t)
                .hasSize(3);
        r.path("network.edges").entityList(Object.class).hasSize(2);
        r.path("network.truncated").entity(Boolean.class).isEqualTo(false);
        r.path("network.nodes[?(@.id == 'person-P" + t + "')].properties")
                .entityList(Map.class)
                .satisfies(list ->
                        assertThat(list.getFirst()).containsKey("name").doesNotContainKeys("phone", "idNumber"));

        api.document("query($ids: [ID!]!) { network(rootIds: $ids, depth: 2, limit: 4) { truncated nodes { id } } }")
                .variable("ids", java.util.List.of("org-K" + t))
                .execute()
                .path("network.truncated")
                .entity(Boolean.class)
                .isEqualTo(true)
                .path("network.nodes")
                .entityList(Object.class)
                .hasSize(4);
        api.document(
                        "query($ids: [ID!]!) { network(rootIds: $ids, depth: 2, relationshipTypes: [\"PART_OF\", \"LEADS\"]) { nodes { id } } }")
                .variable("ids", java.util.List.of("org-K" + t))
                .execute()
                .path("network.nodes[*].id")
                .entityList(String.class)
                .contains("area-C1" + t, "area-C2" + t, "area-C3" + t)
                .doesNotContain("person-P" + t);
    }

    @Test
    void depthAndLimitHaveMaximaWithClearErrors() {
        api.document("{ network(rootIds: [\"area-x\"], depth: 99) { truncated } }")
                .execute()
                .errors()
                .expect(e -> "VALIDATION".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("depth"))
                .verify();
        api.document("query($ids: [ID!]!) { network(rootIds: $ids, limit: 1000000) { truncated } }")
                .variable("ids", java.util.List.of("org-K" + t))
                .execute()
                .errors()
                .expect(e -> "VALIDATION".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("limit"))
                .verify();
        api.document("{ network(rootIds: [\"nothing-here\"]) { truncated } }")
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
    }

    @Test
    void aNetworkCostsOneStatementForItsFirstTwoLevelsAndOnePerLevelAfter() {
        for (int depth = 1; depth <= 3; depth++) {
            touchGraph(); // nothing kept serves it
            long before = graph.statementCount();
            api.document(
                            "query($ids: [ID!]!, $d: Int) { network(rootIds: $ids, depth: $d, limit: 500) { nodes { id } } }")
                    .variable("ids", java.util.List.of("org-K" + t))
                    .variable("d", depth)
                    .execute()
                    .path("network.nodes")
                    .entityList(Object.class)
                    .satisfies(n -> assertThat(n).hasSizeGreaterThan(1));
            assertThat(graph.statementCount() - before)
                    .as("statements of a network of depth %d", depth)
                    .isEqualTo(depth == 1 ? 1 : depth - 1);
        }
    }

    /**
     * A network of depth 2 that no limit cuts is the root, the nodes one active tie away and the nodes
     * one active tie away from those, with every active tie of the root and of the first ring: as one
     * statement written independently of the service's (the harness's peer draws it so) finds them, for
     * the sample's first committee, big community and community, as of two dates.
     */
    @Test
    void aNetworkOfDepthTwoIsTheRootItsTwoRingsAndTheirTies() {
        for (String kind : java.util.List.of("PartyOrganization", "BIG_COMMUNITY", "COMMUNITY")) {
            var root = graph.row(
                    kind.equals("PartyOrganization")
                            ? "MATCH (o:PartyOrganization)<-[:REPORTS_TO]-(:PartyOrganization) WITH DISTINCT o ORDER BY o.id LIMIT 1 RETURN o.id AS id"
                            : "MATCH (a:Area {kind: $kind}) WITH a ORDER BY a.id LIMIT 1 RETURN a.id AS id",
                    java.util.Map.of("kind", kind));
            String id = (String) root.get("id");
            for (String asOf : java.util.List.of("2020-03-01", "2016-01-01")) {
                var expected = graph.row("""
                        MATCH (root:Entity {id: $id})
                        CALL (root) {
                          OPTIONAL MATCH (root)-[r]-(n:Entity)
                          WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
                          RETURN [root] + collect(DISTINCT n) AS inner
                        }
                        UNWIND inner AS a
                        OPTIONAL MATCH (a)-[r]-(b:Entity)
                        WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
                        WITH inner, collect(DISTINCT b.id) AS outer, collect(DISTINCT r.id) AS ties
                        RETURN [x IN inner | x.id] + [i IN outer WHERE NOT i IN [x IN inner | x.id]] AS nodes, ties
                        """, java.util.Map.of("id", id, "asOf", java.time.LocalDate.parse(asOf)));
                var r = api.document("""
                                query($id: ID!, $asOf: Date) { network(rootIds: [$id], depth: 2, limit: 2000, asOf: $asOf) {
                                  truncated nodes { id } edges { id } } }""")
                        .variable("id", id)
                        .variable("asOf", asOf)
                        .execute();
                r.path("network.truncated").entity(Boolean.class).isEqualTo(false);
                assertThat(new java.util.TreeSet<>(r.path("network.nodes[*].id")
                                .entityList(String.class)
                                .get()))
                        .as("nodes around %s as of %s", id, asOf)
                        .isEqualTo(new java.util.TreeSet<>((java.util.List<?>) expected.get("nodes")));
                assertThat(new java.util.TreeSet<>(r.path("network.edges[*].id")
                                .entityList(String.class)
                                .get()))
                        .as("ties around %s as of %s", id, asOf)
                        .isEqualTo(new java.util.TreeSet<>((java.util.List<?>) expected.get("ties")));
            }
        }
    }

    @Test
    void connectionIsTheShortestPathOrNull() {
        api.document(
                        "query($a: ID!, $b: ID!, $d: Int) { connection(fromId: $a, toId: $b, maxDepth: $d) { nodes { id } edges { type source target } } }")
                .variable("a", "unit-U3" + t)
                .variable("b", "area-C2" + t)
                .variable("d", 6)
                .execute()
                .path("connection.nodes[*].id")
                .entityList(String.class)
                .containsExactly("unit-U3" + t, "area-C1" + t, "area-BC" + t, "area-C2" + t)
                .path("connection.edges[*].type")
                .entityList(String.class)
                .containsExactly("LOCATED_IN", "PART_OF", "PART_OF");
        api.document("query($a: ID!, $b: ID!) { connection(fromId: $a, toId: $b, maxDepth: 2) { nodes { id } } }")
                .variable("a", "unit-U3" + t)
                .variable("b", "area-C2" + t)
                .execute()
                .path("connection")
                .valueIsNull();
    }
}

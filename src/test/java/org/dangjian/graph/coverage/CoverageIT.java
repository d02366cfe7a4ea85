package org.dangjian.graph.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Coverage on a small fixture town whose answers are worked out by hand, one unit per category:
 *
 * <pre>
 * community C1: U1 standalone branch, U2 + U3 one joint branch, U4 instructor only
 * community C2: U5 pairing only, U6 should-build (3 formal members), U7 nothing (2 formal + 1
 *               probationary: below the threshold), U8 its branch dissolved a month ago
 * outside the default kinds: U9, a government organ with a branch
 * </pre>
 */
@IntegrationTest
class CoverageIT extends GraphFixture {

    LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void fixture() {
        try (var session = driver.session()) {
            session.run("""
                    CREATE (town:Entity:Area {id: 'area-T' + $t, name: '覆盖测试镇' + $t, kind: 'TOWN'})
                    CREATE (big:Entity:Area {id: 'area-B' + $t, name: '覆盖大社区' + $t, kind: 'BIG_COMMUNITY'})-[:PART_OF {id: 'area_inclusion-B' + $t, since: date('2015-01-01')}]->(town)
                    CREATE (c1:Entity:Area {id: 'area-C1' + $t, name: 'C1-' + $t, kind: 'COMMUNITY'})-[:PART_OF {id: 'area_inclusion-C1' + $t, since: date('2015-01-01')}]->(big)
                    CREATE (c2:Entity:Area {id: 'area-C2' + $t, name: 'C2-' + $t, kind: 'COMMUNITY'})-[:PART_OF {id: 'area_inclusion-C2' + $t, since: date('2015-01-01')}]->(big)
                    CREATE (corg:Entity:PartyOrganization {id: 'org-C2' + $t, name: 'C2党委' + $t, kind: 'COMMITTEE', sector: 'COMMUNITY'})-[:LEADS {id: 'area_leadership-' + $t, since: date('2015-01-01')}]->(c2)
                    WITH *
                    UNWIND [['U1', 'c1', 'NON_PUBLIC_ENTERPRISE'], ['U2', 'c1', 'NON_PUBLIC_ENTERPRISE'], ['U3', 'c1', 'SOCIAL_ORGANIZATION'],
                            ['U4', 'c1', 'NON_PUBLIC_ENTERPRISE'], ['U5', 'c2', 'PROPERTY_COMPANY'], ['U6', 'c2', 'NON_PUBLIC_ENTERPRISE'],
                            ['U7', 'c2', 'SOCIAL_ORGANIZATION'], ['U8', 'c2', 'NON_PUBLIC_ENTERPRISE'], ['U9', 'c2', 'GOVERNMENT_ORGAN']] AS u
                    WITH u, CASE u[1] WHEN 'c1' THEN c1 ELSE c2 END AS place
                    CREATE (unit:Entity:Unit {id: 'unit-' + u[0] + $t, name: u[0] + '-' + $t, kind: u[2]})
                    CREATE (unit)-[:LOCATED_IN {id: 'location-' + u[0] + $t, since: date('2015-01-01')}]->(place)
                    """, Map.of("t", t)).consume();
            session.run("""
                    MATCH (u1:Unit {id: 'unit-U1' + $t}), (u2:Unit {id: 'unit-U2' + $t}), (u3:Unit {id: 'unit-U3' + $t}),
                          (u4:Unit {id: 'unit-U4' + $t}), (u5:Unit {id: 'unit-U5' + $t}), (u6:Unit {id: 'unit-U6' + $t}),
                          (u7:Unit {id: 'unit-U7' + $t}), (u8:Unit {id: 'unit-U8' + $t}), (u9:Unit {id: 'unit-U9' + $t}),
                          (corg:PartyOrganization {id: 'org-C2' + $t})
                    CREATE (o1:Entity:PartyOrganization {id: 'org-O1' + $t, name: 'O1', kind: 'BRANCH', sector: 'TWO_NEW'})-[:ESTABLISHED_IN {id: 'establishment-1' + $t, mode: 'STANDALONE', since: date('2018-01-01')}]->(u1)
                    CREATE (o2:Entity:PartyOrganization {id: 'org-O2' + $t, name: 'O2', kind: 'BRANCH', sector: 'TWO_NEW'})-[:ESTABLISHED_IN {id: 'establishment-2' + $t, mode: 'JOINT', since: date('2018-01-01')}]->(u2)
                    CREATE (o2)-[:ESTABLISHED_IN {id: 'establishment-3' + $t, mode: 'JOINT', since: date('2018-01-01')}]->(u3)
                    CREATE (o3:Entity:PartyOrganization {id: 'org-O3' + $t, name: 'O3', kind: 'BRANCH', sector: 'TWO_NEW'})-[:ESTABLISHED_IN {id: 'establishment-4' + $t, mode: 'STANDALONE', since: date('2018-01-01'), until: $dissolved}]->(u8)
                    CREATE (o9:Entity:PartyOrganization {id: 'org-O9' + $t, name: 'O9', kind: 'BRANCH', sector: 'ORGAN'})-[:ESTABLISHED_IN {id: 'establishment-9' + $t, mode: 'STANDALONE', since: date('2018-01-01')}]->(u9)
                    CREATE (:Entity:Person {id: 'person-I' + $t, name: '指导员'})-[:INSTRUCTS {id: 'instruction-' + $t, since: date('2019-01-01')}]->(u4)
                    CREATE (u5)-[:PAIRED_WITH {id: 'pairing-' + $t, since: date('2019-01-01'), program: '双联双帮双带'}]->(corg)
                    WITH u6, u7, corg
                    UNWIND [['U6', 'FORMAL'], ['U6', 'FORMAL'], ['U6', 'FORMAL'], ['U7', 'FORMAL'], ['U7', 'FORMAL'], ['U7', 'PROBATIONARY']] AS m
                    CREATE (p:Entity:Person {id: 'person-' + randomUUID(), name: '党员'})
                    CREATE (p)-[:MEMBER_OF {id: 'membership-' + randomUUID(), status: m[1], since: date('2010-01-01')}]->(corg)
                    WITH p, CASE m[0] WHEN 'U6' THEN u6 ELSE u7 END AS unit
                    CREATE (p)-[:WORKS_AT {id: 'employment-' + randomUUID(), since: date('2015-01-01')}]->(unit)
                    """, Map.of("t", t, "dissolved", today.minusMonths(1))).consume();
        }
    }

    private GraphQlTesterResponse coverage(String extra) {
        return new GraphQlTesterResponse(api.document("""
                query($scope: ID, $asOf: Date) { coverage(scope: $scope, asOf: $asOf %s) {
                  total organizational work uncoveredCount shouldBuildCount
                  organizationalRate { value numerator denominator percent } workRate { value } totalRate { numerator denominator }
                  groups { key label total organizational work uncovered shouldBuild }
                  uncovered(first: 2) { totalCount nodes { shouldBuild formalMembers partyMembers unit { name } area { name } }
                    pageInfo { hasNextPage endCursor } } } }""".formatted(extra)).variable("scope", "area-T" + t));
    }

    /** A small wrapper so that each test reads as the figures it expects. */
    record GraphQlTesterResponse(org.springframework.graphql.test.tester.GraphQlTester.Request<?> request) {
        org.springframework.graphql.test.tester.GraphQlTester.Response at(LocalDate asOf) {
            return request.variable("asOf", asOf == null ? null : asOf.toString())
                    .execute();
        }
    }

    @Test
    void everyCategoryIsCountedAsWorkedOutByHand() {
        var r = coverage("").at(null);
        r.path("coverage.total").entity(Integer.class).isEqualTo(8);
        r.path("coverage.organizational").entity(Integer.class).isEqualTo(3);
        r.path("coverage.work").entity(Integer.class).isEqualTo(2);
        r.path("coverage.uncoveredCount").entity(Integer.class).isEqualTo(3);
        r.path("coverage.shouldBuildCount").entity(Integer.class).isEqualTo(1);
        r.path("coverage.organizationalRate.value").entity(Double.class).isEqualTo(3 / 8.0);
        r.path("coverage.organizationalRate.numerator").entity(Integer.class).isEqualTo(3);
        r.path("coverage.organizationalRate.denominator").entity(Integer.class).isEqualTo(8);
        r.path("coverage.organizationalRate.percent").entity(String.class).isEqualTo("37.5%");
        r.path("coverage.workRate.value").entity(Double.class).isEqualTo(2 / 8.0);
        r.path("coverage.totalRate.numerator").entity(Integer.class).isEqualTo(5);
        r.path("coverage.groups").entityList(Object.class).hasSize(0);
    }

    @Test
    void uncoveredUnitsComeShouldBuildFirstAndPageByCursor() {
        var r = coverage("").at(null);
        r.path("coverage.uncovered.totalCount").entity(Integer.class).isEqualTo(3);
        r.path("coverage.uncovered.nodes[0].unit.name").entity(String.class).isEqualTo("U6-" + t);
        r.path("coverage.uncovered.nodes[0].shouldBuild").entity(Boolean.class).isEqualTo(true);
        r.path("coverage.uncovered.nodes[0].formalMembers")
                .entity(Integer.class)
                .isEqualTo(3);
        r.path("coverage.uncovered.nodes[0].area.name").entity(String.class).isEqualTo("C2-" + t);
        r.path("coverage.uncovered.nodes[1].unit.name").entity(String.class).isEqualTo("U7-" + t);
        r.path("coverage.uncovered.nodes[1].shouldBuild").entity(Boolean.class).isEqualTo(false);
        r.path("coverage.uncovered.nodes[1].partyMembers").entity(Integer.class).isEqualTo(3);
        r.path("coverage.uncovered.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = r.path("coverage.uncovered.pageInfo.endCursor")
                .entity(String.class)
                .get();
        api.document("""
                query($scope: ID, $after: String) { coverage(scope: $scope) { uncovered(first: 2, after: $after) {
                  nodes { unit { name } } pageInfo { hasNextPage } } } }""")
                .variable("scope", "area-T" + t)
                .variable("after", cursor)
                .execute()
                .path("coverage.uncovered.nodes[*].unit.name")
                .entityList(String.class)
                .containsExactly("U8-" + t)
                .path("coverage.uncovered.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(false);
    }

    @Test
    void twoAliasedUncoveredSelectionsEachGetTheirOwnPage() {
        api.document("""
                query($scope: ID) { coverage(scope: $scope) {
                  one: uncovered(first: 1) { nodes { unit { name } } }
                  three: uncovered(first: 3) { nodes { unit { name } } } } }""")
                .variable("scope", "area-T" + t)
                .execute()
                .path("coverage.one.nodes[*].unit.name")
                .entityList(String.class)
                .containsExactly("U6-" + t)
                .path("coverage.three.nodes[*].unit.name")
                .entityList(String.class)
                .containsExactly("U6-" + t, "U7-" + t, "U8-" + t);
    }

    @Test
    void aBranchDissolvedLastMonthCoveredItsUnitTwoMonthsAgo() {
        var before = coverage("").at(today.minusMonths(2));
        before.path("coverage.organizational").entity(Integer.class).isEqualTo(4);
        before.path("coverage.uncoveredCount").entity(Integer.class).isEqualTo(2);
        var now = coverage("").at(today);
        now.path("coverage.organizational").entity(Integer.class).isEqualTo(3);
        now.path("coverage.uncovered.nodes[*].unit.name")
                .entityList(String.class)
                .doesNotContain("U1-" + t);
    }

    @Test
    void groupsByCommunityAndUnitKinds() {
        var r = coverage(", groupBy: COMMUNITY").at(null);
        r.path("coverage.groups[?(@.label == 'C1-" + t + "')].total")
                .entityList(Integer.class)
                .containsExactly(4);
        r.path("coverage.groups[?(@.label == 'C1-" + t + "')].organizational")
                .entityList(Integer.class)
                .containsExactly(3);
        r.path("coverage.groups[?(@.label == 'C2-" + t + "')].uncovered")
                .entityList(Integer.class)
                .containsExactly(3);
        r.path("coverage.groups[?(@.label == 'C2-" + t + "')].work")
                .entityList(Integer.class)
                .containsExactly(1);
        var kinds = coverage(", groupBy: UNIT_KIND").at(null);
        kinds.path("coverage.groups[?(@.key == 'SOCIAL_ORGANIZATION')].total")
                .entityList(Integer.class)
                .containsExactly(2);
        var organs = coverage(", unitKinds: [GOVERNMENT_ORGAN]").at(null);
        organs.path("coverage.total").entity(Integer.class).isEqualTo(1);
        organs.path("coverage.organizational").entity(Integer.class).isEqualTo(1);
    }

    @org.springframework.beans.factory.annotation.Autowired
    CoverageLedger ledger;

    @Test
    void aReportCostsAFewStatementsWhateverTheScope() {
        long answered = ledger.counts().get("scopesAnswered");
        long before = graph.statementCount();
        coverage(", groupBy: BIG_COMMUNITY")
                .at(null)
                .path("coverage.total")
                .entity(Integer.class)
                .isEqualTo(8);
        long small = graph.statementCount() - before;
        before = graph.statementCount();
        api.document(
                        "{ coverage(groupBy: BIG_COMMUNITY, asOf: \"2020-03-01\") { total uncovered(first: 50) { totalCount } } }")
                .execute()
                .path("coverage.total")
                .entity(Integer.class)
                .satisfies(n -> assertThat(n).isGreaterThan(400));
        long large = graph.statementCount() - before;
        if (ledger.counts().get("scopesAnswered") == answered) {
            assertThat(small).as("the scope, then the statement").isEqualTo(2);
        } else {
            // today's coverage kept per unit (asked before): the scope, its units, the units a change
            // touched and their rows, the page's rows
            assertThat(small).as("the scope from the kept units").isBetween(2L, 5L);
        }
        // the whole graph from the coverage kept per unit (CoverageLedger): the units a change touched,
        // their rows, the page's rows; or every unit's rows and the page's
        assertThat(large).isBetween(1L, 3L);
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        api.document("{ coverage(scope: \"nowhere\") { total } }")
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
        api.document("query($id: ID) { coverage(scope: $id) { total } }")
                .variable("id", "unit-U1" + t)
                .execute()
                .errors()
                .expect(e -> "VALIDATION".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("Area"))
                .verify();
        api.document("{ coverage { uncovered(first: 100000) { totalCount } } }")
                .execute()
                .errors()
                .expect(e -> "VALIDATION".equals(e.getExtensions().get("code")))
                .verify();
    }

    @Test
    void compoundsAndGridsAreCoveredEachWaySeparately() {
        try (var session = driver.session()) {
            session.run("""
                    MATCH (c1:Area {id: 'area-C1' + $t}), (u1:Unit {id: 'unit-U1' + $t}), (u7:Unit {id: 'unit-U7' + $t})
                    CREATE (k1:Entity:Compound {id: 'compound-K1' + $t, name: 'K1', kind: 'RESIDENTIAL'})-[:IN {id: 'compound_area-1' + $t}]->(c1)
                    CREATE (k2:Entity:Compound {id: 'compound-K2' + $t, name: 'K2', kind: 'RESIDENTIAL'})-[:IN {id: 'compound_area-2' + $t}]->(c1)
                    CREATE (k3:Entity:Compound {id: 'compound-K3' + $t, name: 'K3', kind: 'COMMERCIAL'})-[:IN {id: 'compound_area-3' + $t}]->(c1)
                    CREATE (k4:Entity:Compound {id: 'compound-K4' + $t, name: 'K4', kind: 'RESIDENTIAL'})-[:IN {id: 'compound_area-4' + $t}]->(c1)
                    CREATE (k1)-[:MANAGED_BY {id: 'compound_management-1' + $t, since: date('2018-01-01')}]->(u1)
                    CREATE (k2)-[:HAS {id: 'owners_committee-2' + $t, since: date('2018-01-01')}]->(u7)
                    CREATE (g1:Entity:Grid {id: 'grid-G1' + $t, name: 'G1'})-[:PART_OF {id: 'grid_area-1' + $t}]->(c1)
                    CREATE (g2:Entity:Grid {id: 'grid-G2' + $t, name: 'G2'})-[:PART_OF {id: 'grid_area-2' + $t}]->(c1)
                    CREATE (g1)-[:COVERS {id: 'grid_compound-1' + $t}]->(k3)
                    CREATE (g2)-[:COVERS {id: 'grid_compound-2' + $t}]->(k4)
                    CREATE (:Entity:Person {id: 'person-W1' + $t, name: '网格员'})-[:GRID_WORKER_FOR {id: 'grid_assignment-1' + $t, kind: 'COMMUNITY_STAFF'}]->(g1)
                    CREATE (:Entity:Person {id: 'person-W2' + $t, name: '镇领导'})-[:GRID_WORKER_FOR {id: 'grid_assignment-2' + $t, kind: 'TOWN_LEADER'}]->(g1)
                    """, Map.of("t", t)).consume();
        }
        api.document("""
                query($scope: ID) { compoundCoverage(scope: $scope) { total byPropertyCompany byOwnersCommittee byGrid byNone
                  compounds { compound { name } byNone propertyCompanies { hasOrganization } ownersCommittees { partyMembers } grids { workers } } } }""")
                .variable("scope", "area-T" + t)
                .execute()
                .path("compoundCoverage.total")
                .entity(Integer.class)
                .isEqualTo(4)
                .path("compoundCoverage.byPropertyCompany")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("compoundCoverage.byOwnersCommittee")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("compoundCoverage.byGrid")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("compoundCoverage.byNone")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("compoundCoverage.compounds[0].compound.name")
                .entity(String.class)
                .isEqualTo("K4")
                .path("compoundCoverage.compounds[?(@.compound.name == 'K2')].ownersCommittees[0].partyMembers")
                .entityList(Integer.class)
                .containsExactly(3);
        api.document("""
                query($scope: ID) { gridCoverage(scope: $scope) { total withoutWorkers
                  grids { grid { name } workers workersByKind { kind workers } } communitiesWithoutGrids { name } } }""")
                .variable("scope", "area-T" + t)
                .execute()
                .path("gridCoverage.total")
                .entity(Integer.class)
                .isEqualTo(2)
                .path("gridCoverage.withoutWorkers")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("gridCoverage.grids[0].grid.name")
                .entity(String.class)
                .isEqualTo("G2")
                .path("gridCoverage.grids[1].workersByKind[*].kind")
                .entityList(String.class)
                .containsExactly("COMMUNITY_STAFF", "TOWN_LEADER")
                .path("gridCoverage.communitiesWithoutGrids[*].name")
                .entityList(String.class)
                .containsExactly("C2-" + t);
    }

    @Test
    void theSampleCityCoversAbove85PercentOfItsTwoNewOrganizations() {
        // Scoped to the city: other tests add their own fixture towns beside it.
        String city = api.document("{ areas(nameContains: \"儋州市\", kinds: [CITY]) { nodes { id } } }")
                .execute()
                .path("areas.nodes[0].id")
                .entity(String.class)
                .get();
        api.document(
                        "query($city: ID) { coverage(scope: $city, asOf: \"2020-03-01\") { organizationalRate { value } } }")
                .variable("city", city)
                .execute()
                .path("coverage.organizationalRate.value")
                .entity(Double.class)
                .satisfies(v -> assertThat(v).isGreaterThan(0.85));
    }
}

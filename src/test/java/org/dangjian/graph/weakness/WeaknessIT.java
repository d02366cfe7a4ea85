package org.dangjian.graph.weakness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Designations and rectification step by step, and every warning rule on a fixture: a parent
 * committee P with a healthy branch G (fires nothing) and a troubled branch B (fires every rule).
 */
@IntegrationTest
class WeaknessIT extends GraphFixture {

    static final LocalDate AS_OF = LocalDate.of(2020, 3, 1);

    @BeforeEach
    void fixture() {
        try (var session = driver.session()) {
            session.run("""
                    CREATE (p:Entity:PartyOrganization {id: 'org-P' + $t, name: 'P委' + $t, kind: 'COMMITTEE', sector: 'TOWN', electedOn: date('2019-01-01')})
                    CREATE (g:Entity:PartyOrganization {id: 'org-G' + $t, name: 'G支部' + $t, kind: 'BRANCH', sector: 'TWO_NEW', electedOn: date('2019-01-01')})
                    CREATE (b:Entity:PartyOrganization {id: 'org-B' + $t, name: 'B支部' + $t, kind: 'BRANCH', sector: 'TWO_NEW', electedOn: date('2016-01-01')})
                    CREATE (g)-[:REPORTS_TO {id: 'reporting_line-G' + $t, since: date('2015-01-01')}]->(p)
                    CREATE (b)-[:REPORTS_TO {id: 'reporting_line-B' + $t, since: date('2015-01-01')}]->(p)
                    CREATE (u:Entity:Unit {id: 'unit-S' + $t, name: '帮扶单位' + $t, kind: 'GOVERNMENT_ORGAN'})
                    CREATE (leader:Entity:Person {id: 'person-L' + $t, name: '责任领导'})
                    CREATE (a:Entity:Area {id: 'area-A' + $t, name: '结对社区' + $t, kind: 'COMMUNITY'})
                    CREATE (g)-[:PAIRED_WITH {id: 'pairing-G' + $t, since: date('2019-01-01'), program: '双联双帮双带'}]->(a)
                    CREATE (:Entity:Activity {id: 'activity-G' + $t, name: '2月支部党员大会', kind: 'MEETING', date: date('2020-02-10')})-[:HELD_BY {id: 'activity-g' + $t}]->(g)
                    CREATE (:Entity:Activity {id: 'activity-B' + $t, name: '7月支部党员大会', kind: 'MEETING', date: date('2019-07-10')})-[:HELD_BY {id: 'activity-b' + $t}]->(b)
                    WITH g, b
                    UNWIND range(1, 5) AS i
                    CREATE (m:Entity:Person {id: 'person-G' + i + $t, name: 'G党员' + i})-[:MEMBER_OF {id: 'membership-G' + i + $t, status: 'FORMAL', since: date('2015-01-01'), outOfContact: false}]->(g)
                    FOREACH (_ IN CASE WHEN i = 1 THEN [1] ELSE [] END |
                      CREATE (m)-[:HOLDS_POST {id: 'post-G' + $t, role: 'SECRETARY', since: date('2019-01-01')}]->(g))
                    FOREACH (_ IN CASE WHEN i <= 2 THEN [1] ELSE [] END |
                      CREATE (:Entity:Person {id: 'person-B' + i + $t, name: 'B党员' + i})-[:MEMBER_OF {id: 'membership-B' + i + $t, status: 'FORMAL', since: date('2015-01-01'), outOfContact: i = 2}]->(b))
                    """, Map.of("t", t)).consume();
        }
    }

    GraphQlTester.Response mutate(String mutation, Map<String, Object> input) {
        return api.document("""
                mutation($input: %sInput!) { %s(input: $input) { designation { status designation { id since until type category }
                  rectification { status plan since acceptedOn progress } leaders { name } supporters { id } } } }""".formatted(inputType(mutation), mutation))
                .variable("input", input)
                .execute();
    }

    static String inputType(String mutation) {
        return switch (mutation) {
            case "recordRectificationProgress" -> "RecordProgress";
            default -> Character.toUpperCase(mutation.charAt(0)) + mutation.substring(1);
        };
    }

    void refused(String mutation, Map<String, Object> input, String code) {
        var before = GraphApi.fingerprint(driver);
        mutate(mutation, input)
                .errors()
                .expect(e -> code.equals(e.getExtensions().get("code")))
                .verify();
        assertThat(GraphApi.fingerprint(driver)).as(mutation + " " + input).isEqualTo(before);
    }

    @Test
    void aRectificationGoesIdentifiedRectifyingRectifiedAndNoOtherWay() {
        String d = mutate(
                        "designateWeak",
                        Map.of(
                                "organizationId",
                                "org-B" + t,
                                "since",
                                "2019-07-01",
                                "reasons",
                                List.of("班子不健全", "组织生活不规范")))
                .path("designateWeak.designation.status")
                .entity(String.class)
                .isEqualTo("IDENTIFIED")
                .path("designateWeak.designation.designation.category")
                .entity(String.class)
                .isEqualTo("TWO_NEW")
                .path("designateWeak.designation.designation.id")
                .entity(String.class)
                .get();
        // IDENTIFIED: neither progress nor acceptance
        refused("recordRectificationProgress", Map.of("designationId", d, "note", "x"), "CONFLICT");
        refused("acceptRectification", Map.of("designationId", d, "acceptedOn", "2019-12-01"), "CONFLICT");
        refused("designateWeak", Map.of("organizationId", "org-B" + t, "reasons", List.of("again")), "CONFLICT");
        // bad starts change nothing
        refused("startRectification", Map.of("designationId", d, "leaderId", "person-none", "plan", "p"), "NOT_FOUND");
        refused(
                "startRectification",
                Map.of(
                        "designationId",
                        d,
                        "leaderId",
                        "person-L" + t,
                        "plan",
                        "p",
                        "supporterIds",
                        List.of("person-G1" + t)),
                "NOT_FOUND");
        refused(
                "startRectification",
                Map.of("designationId", d, "leaderId", "person-L" + t, "plan", "p", "since", "2019-01-01"),
                "VALIDATION");
        refused(
                "startRectification",
                Map.of("designationId", d, "leaderId", "person-L" + t, "plan", " "),
                "VALIDATION");

        mutate(
                        "startRectification",
                        Map.of(
                                "designationId",
                                d,
                                "leaderId",
                                "person-L" + t,
                                "plan",
                                "一支部一方案",
                                "supporterIds",
                                List.of("unit-S" + t, "org-G" + t),
                                "since",
                                "2019-08-01"))
                .path("startRectification.designation.status")
                .entity(String.class)
                .isEqualTo("RECTIFYING")
                .path("startRectification.designation.leaders[0].name")
                .entity(String.class)
                .isEqualTo("责任领导")
                .path("startRectification.designation.supporters[*].id")
                .entityList(String.class)
                .contains("unit-S" + t, "org-G" + t)
                .hasSize(2);
        refused(
                "startRectification",
                Map.of("designationId", d, "leaderId", "person-L" + t, "plan", "again"),
                "CONFLICT");
        refused(
                "recordRectificationProgress",
                Map.of("designationId", d, "date", "2019-07-15", "note", "早于开始"),
                "VALIDATION");

        mutate("recordRectificationProgress", Map.of("designationId", d, "date", "2019-10-01", "note", "配齐班子"))
                .path("recordRectificationProgress.designation.rectification.progress")
                .entityList(String.class)
                .containsExactly("2019-10-01: 配齐班子");
        mutate("acceptRectification", Map.of("designationId", d, "acceptedOn", "2019-12-20"))
                .path("acceptRectification.designation.status")
                .entity(String.class)
                .isEqualTo("RECTIFIED")
                .path("acceptRectification.designation.designation.until")
                .entity(String.class)
                .isEqualTo("2019-12-20");
        refused("acceptRectification", Map.of("designationId", d), "CONFLICT");
        refused("recordRectificationProgress", Map.of("designationId", d, "note", "after"), "CONFLICT");

        // As of each date, the status it had then.
        String list =
                "query($s: ID, $a: Date) { weakOrganizations(scope: $s, asOf: $a) { status organization { id } } }";
        for (var expected : Map.of("2019-07-15", "IDENTIFIED", "2019-09-01", "RECTIFYING", "2020-01-01", "RECTIFIED")
                .entrySet()) {
            api.document(list)
                    .variable("s", "org-P" + t)
                    .variable("a", expected.getKey())
                    .execute()
                    .path("weakOrganizations[*].status")
                    .entityList(String.class)
                    .containsExactly(expected.getValue());
        }
        api.document(list)
                .variable("s", "org-P" + t)
                .variable("a", "2019-06-01")
                .execute()
                .path("weakOrganizations")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    void designationsAreValidated() {
        refused("designateWeak", Map.of("organizationId", "org-none", "reasons", List.of("x")), "NOT_FOUND");
        refused("designateWeak", Map.of("organizationId", "org-B" + t, "reasons", List.of(" ")), "VALIDATION");
        refused(
                "startRectification",
                Map.of("designationId", "designation-none", "leaderId", "person-L" + t, "plan", "p"),
                "NOT_FOUND");
    }

    @Test
    void demonstrationSitesAreDesignatedAndEndedOnce() {
        String d = mutate("designateDemonstration", Map.of("organizationId", "org-G" + t, "since", "2019-12-01"))
                .path("designateDemonstration.designation.designation.type")
                .entity(String.class)
                .isEqualTo("DEMONSTRATION")
                .path("designateDemonstration.designation.designation.id")
                .entity(String.class)
                .get();
        refused("designateDemonstration", Map.of("organizationId", "org-G" + t), "CONFLICT");
        refused("endDemonstration", Map.of("designationId", d, "until", "2019-01-01"), "VALIDATION");
        mutate("endDemonstration", Map.of("designationId", d, "until", "2020-12-31"))
                .path("endDemonstration.designation.designation.until")
                .entity(String.class)
                .isEqualTo("2020-12-31");
        refused("endDemonstration", Map.of("designationId", d), "CONFLICT");
        api.document(
                        "query($s: ID) { weakOrganizationStats(scope: $s, asOf: \"2021-06-01\") { total { demonstrationSites activeDemonstrationSites } } }")
                .variable("s", "org-P" + t)
                .execute()
                .path("weakOrganizationStats.total.demonstrationSites")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("weakOrganizationStats.total.activeDemonstrationSites")
                .entity(Integer.class)
                .isEqualTo(0);
    }

    @Test
    void theSampleReproducesTheReportsRectificationsAndDemonstrationSites() {
        String city = api.document("{ areas(nameContains: \"儋州市\", kinds: [CITY]) { nodes { id } } }")
                .execute()
                .path("areas.nodes[0].id")
                .entity(String.class)
                .get();
        var r = api.document(
                        "query($s: ID) { weakOrganizationStats(scope: $s, asOf: \"2020-06-30\") { categories { category rectified demonstrationSites } } }")
                .variable("s", city)
                .execute();
        for (var c : Map.of("COMMUNITY", List.of(3, 2), "ORGAN", List.of(47, 6), "TWO_NEW", List.of(15, 5))
                .entrySet()) {
            r.path("weakOrganizationStats.categories[?(@.category == '" + c.getKey() + "')].rectified")
                    .entityList(Integer.class)
                    .containsExactly(c.getValue().get(0));
            r.path("weakOrganizationStats.categories[?(@.category == '" + c.getKey() + "')].demonstrationSites")
                    .entityList(Integer.class)
                    .containsExactly(c.getValue().get(1));
        }
    }

    GraphQlTester.Response signs(String rules, int first, String after) {
        return api.document("""
                query($s: ID, $a: Date, $r: [String!], $f: Int, $after: String) { warningSigns(scope: $s, asOf: $a, rules: $r, first: $f, after: $after) {
                  totalCount nodes { id severity organization { id } rule { code } evidence } pageInfo { hasNextPage endCursor } } }""")
                .variable("s", "org-P" + t)
                .variable("a", AS_OF.toString())
                .variable("r", rules == null ? null : List.of(rules.split(",")))
                .variable("f", first)
                .variable("after", after)
                .execute();
    }

    @Test
    void everyRuleFiresForTheTroubledBranchAndNoneForTheHealthyOne() {
        var r = signs(null, 100, null);
        var b = "org-B" + t;
        r.path("warningSigns.nodes[?(@.organization.id == '" + b + "')].rule.code")
                .entityList(String.class)
                .contains(
                        "NO_SECRETARY",
                        "FEW_FORMAL_MEMBERS",
                        "TERM_EXPIRED",
                        "NO_RECENT_ACTIVITY",
                        "NO_COBUILDING_TIE",
                        "MEMBERS_OUT_OF_CONTACT")
                .hasSize(6);
        r.path("warningSigns.nodes[?(@.organization.id == 'org-G" + t + "')]")
                .entityList(Object.class)
                .hasSize(0);
        r.path("warningSigns.nodes[?(@.id == 'FEW_FORMAL_MEMBERS:" + b + "')].evidence.formalMembers")
                .entityList(Integer.class)
                .containsExactly(2);
        r.path("warningSigns.nodes[?(@.id == 'FEW_FORMAL_MEMBERS:" + b + "')].evidence.threshold")
                .entityList(Integer.class)
                .containsExactly(3);
        r.path("warningSigns.nodes[?(@.id == 'MEMBERS_OUT_OF_CONTACT:" + b + "')].evidence.share")
                .entityList(Double.class)
                .containsExactly(0.5);
        r.path("warningSigns.nodes[?(@.id == 'TERM_EXPIRED:" + b + "')].evidence.termEnded")
                .entityList(String.class)
                .containsExactly("2019-01-01");
        r.path("warningSigns.nodes[?(@.id == 'NO_RECENT_ACTIVITY:" + b + "')].evidence.lastActivity")
                .entityList(String.class)
                .containsExactly("2019-07-10");
        r.path("warningSigns.nodes[0].severity").entity(String.class).isEqualTo("HIGH");
    }

    @Test
    void anOrganizationWhoseUnitSitsOnACommitteeHasACoBuildingTie() {
        // B's unit gets a part-time member on P's committee, on its behalf: B is no longer without ties.
        cypher("""
                MATCH (b:PartyOrganization {id: 'org-B' + $t}), (p:PartyOrganization {id: 'org-P' + $t})
                CREATE (u:Entity:Unit {id: 'unit-B' + $t, name: 'B单位' + $t, kind: 'NON_PUBLIC_ENTERPRISE'})
                CREATE (b)-[:ESTABLISHED_IN {id: 'establishment-B' + $t, since: date('2015-01-01')}]->(u)
                CREATE (:Entity:Person {id: 'person-PT' + $t, name: '兼职委员'})
                  -[:HOLDS_POST {id: 'post-PT' + $t, role: 'PART_TIME_MEMBER', onBehalfOf: 'unit-B' + $t, since: date('2019-01-01')}]->(p)""");
        signs("NO_COBUILDING_TIE", 100, null)
                .path("warningSigns.nodes[?(@.organization.id == 'org-B" + t + "')]")
                .entityList(Object.class)
                .hasSize(0);
        // The post ended before the date asked: the tie is gone, and so is the exemption.
        cypher("MATCH ()-[h:HOLDS_POST {id: 'post-PT' + $t}]->() SET h.until = date('2020-01-01')");
        signs("NO_COBUILDING_TIE", 100, null)
                .path("warningSigns.nodes[?(@.organization.id == 'org-B" + t + "')].rule.code")
                .entityList(String.class)
                .containsExactly("NO_COBUILDING_TIE");
    }

    @Test
    void rulesCanBeChosenAndFindingsPaged() {
        signs("FEW_FORMAL_MEMBERS", 10, null)
                .path("warningSigns.nodes[*].rule.code")
                .entityList(String.class)
                .doesNotContain(
                        "NO_SECRETARY",
                        "TERM_EXPIRED",
                        "NO_RECENT_ACTIVITY",
                        "NO_COBUILDING_TIE",
                        "MEMBERS_OUT_OF_CONTACT");
        var first = signs(null, 2, null);
        int total = first.path("warningSigns.totalCount").entity(Integer.class).get();
        var seen = new java.util.ArrayList<>(
                first.path("warningSigns.nodes[*].id").entityList(String.class).get());
        String after = first.path("warningSigns.pageInfo.endCursor")
                .entity(String.class)
                .get();
        while (after != null && seen.size() < total) {
            var next = signs(null, 2, after);
            seen.addAll(next.path("warningSigns.nodes[*].id")
                    .entityList(String.class)
                    .get());
            after = next.path("warningSigns.pageInfo.hasNextPage")
                            .entity(Boolean.class)
                            .get()
                    ? next.path("warningSigns.pageInfo.endCursor")
                            .entity(String.class)
                            .get()
                    : null;
        }
        assertThat(seen).hasSize(total).doesNotHaveDuplicates();
        signs("NO_SUCH_RULE", 10, null)
                .errors()
                .expect(e -> "VALIDATION".equals(e.getExtensions().get("code")))
                .verify();
    }

    /** Rules paged in the database and merged give, page after page, the order of one long page. */
    @Test
    void pagesOfTheWholeGraphFollowOneAnotherInTheOrderOfOneLongPage() {
        String query = "query($after: String, $f: Int) { warningSigns(asOf: \"2020-03-01\", first: $f, after: $after) {"
                + " totalCount nodes { id severity } pageInfo { endCursor } } }";
        var whole = api.document(query).variable("f", 150).execute();
        var expected =
                whole.path("warningSigns.nodes[*].id").entityList(String.class).get();
        assertThat(expected).hasSize(150);
        var seen = new java.util.ArrayList<String>();
        String after = null;
        for (int page = 0; page < 3; page++) {
            var r = api.document(query)
                    .variable("f", 50)
                    .variable("after", after)
                    .execute();
            seen.addAll(
                    r.path("warningSigns.nodes[*].id").entityList(String.class).get());
            after = r.path("warningSigns.pageInfo.endCursor")
                    .entity(String.class)
                    .get();
            r.path("warningSigns.totalCount")
                    .entity(Integer.class)
                    .isEqualTo(whole.path("warningSigns.totalCount")
                            .entity(Integer.class)
                            .get());
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(whole.path("warningSigns.nodes[*].severity")
                        .entityList(String.class)
                        .get())
                .as("severity first")
                .isSortedAccordingTo(java.util.Comparator.comparingInt(
                        s -> java.util.List.of("HIGH", "MEDIUM", "LOW").indexOf(s)));
    }

    @org.springframework.beans.factory.annotation.Autowired
    WarningLedger ledger;

    @Test
    void warningSignsCostTheScopeAndOneStatementPerRule() {
        long answered = ledger.counts().get("scopesAnswered");
        long before = graph.statementCount();
        signs(null, 20, null)
                .path("warningSigns.totalCount")
                .entity(Integer.class)
                .satisfies(n -> assertThat(n).isPositive());
        if (ledger.counts().get("scopesAnswered") == answered) {
            assertThat(graph.statementCount() - before)
                    .as("with totalCount: each rule once, unpaged")
                    .isEqualTo(2 + 6);
        } else {
            // today's findings kept per organization (asked before): the scope, the organizations a
            // change touched and each rule for them, each rule on the page for its evidence
            assertThat(graph.statementCount() - before)
                    .as("with totalCount, from the kept findings")
                    .isBetween(2L, 2L + 1 + 6 + 6);
        }
        before = graph.statementCount();
        api.document("{ warningSigns(asOf: \"2020-03-01\", first: 5) { nodes { id } } }")
                .execute()
                .path("warningSigns.nodes")
                .entityList(Object.class)
                .hasSize(5);
        // the whole graph from the findings kept per organization (WarningLedger): the organizations a
        // change touched, each rule for them (or each rule for all), each rule on the page for the
        // evidence not kept; none when nothing touched the page's organizations since it was shown
        assertThat(graph.statementCount() - before)
                .as("the whole graph without totalCount: bounded whatever the graph's size")
                .isBetween(0L, 1L + 6 + 6);
        api.document("{ warningSignRules { code thresholds query } }")
                .execute()
                .path("warningSignRules[?(@.code == 'FEW_FORMAL_MEMBERS')].thresholds.minFormalMembers")
                .entityList(Integer.class)
                .containsExactly(3);
    }
}

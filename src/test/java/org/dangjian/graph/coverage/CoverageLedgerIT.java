package org.dangjian.graph.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.WritersAndReaders;
import org.dangjian.graph.queries.NamedQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole-graph coverage kept per unit equals what coverage.cypher answers over the whole graph,
 * after every kind of change its units depend on (made past the service, over Bolt, and through the
 * API), while reading again only the units a change touched; and under writers racing each other and
 * readers, no writer reads the coverage from before its own write, and nothing is lost.
 */
@IntegrationTest
class CoverageLedgerIT extends GraphFixture {

    private static final LocalDate AS_OF = LocalDate.of(2020, 3, 1);
    private static final List<String> TWO_NEW =
            List.of("NON_PUBLIC_ENTERPRISE", "SOCIAL_ORGANIZATION", "PROPERTY_COMPANY");
    private static final List<String> ALL = List.of(
            "GOVERNMENT_ORGAN",
            "PUBLIC_INSTITUTION",
            "STATE_OWNED_ENTERPRISE",
            "NON_PUBLIC_ENTERPRISE",
            "SOCIAL_ORGANIZATION",
            "PROPERTY_COMPANY",
            "OWNERS_COMMITTEE");
    private static final List<String> GROUPINGS =
            Arrays.asList(null, "UNIT_KIND", "BIG_COMMUNITY", "COMMUNITY", "INDUSTRY_COMMITTEE");

    @Autowired
    CoverageLedger ledger;

    @Autowired
    NamedQueries queries;

    private Map<String, Object> statement(List<String> kinds, String groupBy, int first, List<?> after) {
        return statement(null, kinds, groupBy, first, after);
    }

    private Map<String, Object> statement(String scope, List<String> kinds, String groupBy, int first, List<?> after) {
        var params = new HashMap<String, Object>();
        params.put("scope", scope);
        params.put("unitKinds", kinds);
        params.put("groupBy", groupBy);
        params.put("asOf", AS_OF);
        params.put("first", first);
        params.put("after", after);
        return queries.row("coverage", params);
    }

    /** The kept answer equals the statement's, for every grouping, both kinds of units, page by page. */
    private void assertSameAsTheStatement(String after) {
        for (var kinds : List.of(TWO_NEW, ALL)) {
            for (String groupBy : GROUPINGS) {
                assertThat(ledger.coverage(kinds, groupBy, AS_OF, 30, null))
                        .as("%s, grouped by %s, after %s", kinds, groupBy, after)
                        .isEqualTo(statement(kinds, groupBy, 30, null));
            }
            // the second page of three, after the keyset of the third uncovered unit
            @SuppressWarnings("unchecked")
            var firstPage =
                    (List<Map<String, Object>>) statement(kinds, null, 3, null).get("uncoveredPage");
            if (firstPage.size() > 3) {
                var third = firstPage.get(2);
                var keyset = List.of(
                        Boolean.TRUE.equals(third.get("shouldBuild")) ? 0 : 1, third.get("name"), third.get("id"));
                assertThat(ledger.coverage(kinds, null, AS_OF, 3, keyset))
                        .as("the second page of %s, after %s", kinds, after)
                        .isEqualTo(statement(kinds, null, 3, keyset));
            }
        }
        // each scope from its units' kept coverage, as the statement answers the scope
        for (String scope : List.of("L-city", "L-big1", "L-big2", "L-c1", "L-c2", "L-lead", "L-ind", "L-o1")) {
            if (graph.row("MATCH (n:Entity {id: $id}) RETURN n.id AS id", Map.of("id", scope + t)) == null) {
                continue; // not made by this test, or deleted
            }
            var units = scopeUnits(scope + t);
            for (String groupBy : GROUPINGS) {
                assertThat(ledger.coverageIfKept(units, ALL, groupBy, AS_OF, 30, null))
                        .as("scope %s, grouped by %s, after %s", scope, groupBy, after)
                        .contains(statement(scope + t, ALL, groupBy, 30, null));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> scopeUnits(String scope) {
        return (List<String>) queries.row("scope-units", Map.of("scope", scope, "asOf", AS_OF))
                .get("ids");
    }

    private void bolt(String statement) {
        cypher(statement);
    }

    /** A city of two big communities, a compound, eight units of the two new kinds, an industry committee. */
    private void fixture() {
        cypher("""
                CREATE (city:Entity:Area {id: 'L-city' + $t, name: 'L市' + $t, kind: 'CITY'})
                CREATE (big1:Entity:Area {id: 'L-big1' + $t, name: 'L大社区甲' + $t, kind: 'BIG_COMMUNITY'})-[:PART_OF {id: 'L-p1' + $t}]->(city)
                CREATE (big2:Entity:Area {id: 'L-big2' + $t, name: 'L大社区乙' + $t, kind: 'BIG_COMMUNITY'})-[:PART_OF {id: 'L-p2' + $t}]->(city)
                CREATE (c1:Entity:Area {id: 'L-c1' + $t, name: 'L社区甲' + $t, kind: 'COMMUNITY'})-[:PART_OF {id: 'L-p3' + $t}]->(big1)
                CREATE (c2:Entity:Area {id: 'L-c2' + $t, name: 'L社区乙' + $t, kind: 'COMMUNITY'})-[:PART_OF {id: 'L-p4' + $t}]->(big2)
                CREATE (k1:Entity:Compound {id: 'L-k1' + $t, name: 'L小区' + $t, kind: 'RESIDENTIAL'})-[:IN {id: 'L-in1' + $t}]->(c1)
                CREATE (lead:Entity:PartyOrganization {id: 'L-lead' + $t, name: 'L社区党委' + $t, kind: 'COMMITTEE', sector: 'COMMUNITY'})
                  -[:LEADS {id: 'L-l1' + $t, since: date('2018-01-01')}]->(c1)
                CREATE (ind:Entity:PartyOrganization {id: 'L-ind' + $t, name: 'L行业党委' + $t, kind: 'COMMITTEE', sector: 'TWO_NEW'})
                WITH k1, c1, c2, lead, ind
                UNWIND range(1, 8) AS i
                CREATE (u:Entity:Unit {id: 'L-u' + i + $t, name: 'L单位' + i + $t,
                  kind: ['NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANIZATION', 'PROPERTY_COMPANY'][i % 3]})
                WITH u, i, [k1, k1, k1, c1, c1, c1, c2, c2][i - 1] AS place, lead, ind
                CREATE (u)-[:LOCATED_IN {id: 'L-loc' + i + $t, since: date('2018-01-01')}]->(place)
                """);
        cypher("""
                MATCH (u1:Unit {id: 'L-u1' + $t}), (u2:Unit {id: 'L-u2' + $t}), (u4:Unit {id: 'L-u4' + $t}),
                      (ind:PartyOrganization {id: 'L-ind' + $t}), (lead:PartyOrganization {id: 'L-lead' + $t})
                CREATE (o1:Entity:PartyOrganization {id: 'L-o1' + $t, name: 'L支部一' + $t, kind: 'BRANCH', sector: 'TWO_NEW'})
                  -[:ESTABLISHED_IN {id: 'L-e1' + $t, mode: 'STANDALONE', since: date('2018-01-01')}]->(u1)
                CREATE (o1)-[:MANAGED_BY {id: 'L-m1' + $t, mode: 'INDUSTRY', since: date('2018-01-01')}]->(ind)
                CREATE (:Entity:Person {id: 'L-i1' + $t, name: 'L指导员'})-[:INSTRUCTS {id: 'L-ins1' + $t, since: date('2018-01-01')}]->(u2)
                WITH u4, lead
                UNWIND range(1, 3) AS j
                CREATE (p:Entity:Person {id: 'L-w' + j + $t, name: 'L职工' + j})
                CREATE (p)-[:WORKS_AT {id: 'L-wa' + j + $t, since: date('2018-01-01')}]->(u4)
                CREATE (p)-[:MEMBER_OF {id: 'L-mo' + j + $t, status: 'FORMAL', since: date('2018-01-01')}]->(lead)
                """);
    }

    @Test
    void theCoverageKeptPerUnitFollowsEveryChangeAndReadsOnlyTheUnitsItTouched() {
        fixture();
        assertSameAsTheStatement("the fixture");
        long fullReads = ledger.counts().get("fullReads");

        var changes = new ArrayList<String>(List.of(
                // an organization established in an uncovered unit
                """
                MATCH (u:Unit {id: 'L-u2' + $t})
                CREATE (:Entity:PartyOrganization {id: 'L-o2' + $t, name: 'L支部二' + $t, kind: 'BRANCH', sector: 'TWO_NEW'})
                  -[:ESTABLISHED_IN {id: 'L-e2' + $t, mode: 'STANDALONE', since: date('2019-01-01')}]->(u)
                """,
                // the industry committee renamed (groups by industry committee)
                "MATCH (o:PartyOrganization {id: 'L-ind' + $t}) SET o.name = 'L行业党委新' + $t",
                // its management ended
                "MATCH ()-[m:MANAGED_BY {id: 'L-m1' + $t}]->() SET m.until = date('2019-06-01')",
                // an establishment deleted
                "MATCH ()-[e:ESTABLISHED_IN {id: 'L-e1' + $t}]->() DELETE e",
                // a unit's kind changed
                "MATCH (u:Unit {id: 'L-u5' + $t}) SET u.kind = 'GOVERNMENT_ORGAN'",
                // a big community renamed, then a community moved to the other big community
                "MATCH (a:Area {id: 'L-big1' + $t}) SET a.name = 'L大社区丙' + $t",
                """
                MATCH (c:Area {id: 'L-c1' + $t})-[p:PART_OF]->(), (big2:Area {id: 'L-big2' + $t})
                DELETE p CREATE (c)-[:PART_OF {id: 'L-p5' + $t}]->(big2)
                """,
                // three probationary members become formal: the unit should build
                """
                MATCH (u:Unit {id: 'L-u6' + $t}), (lead:PartyOrganization {id: 'L-lead' + $t})
                UNWIND range(4, 6) AS j
                CREATE (p:Entity:Person {id: 'L-w' + j + $t, name: 'L职工' + j})
                CREATE (p)-[:WORKS_AT {id: 'L-wa' + j + $t, since: date('2018-01-01')}]->(u)
                CREATE (p)-[:MEMBER_OF {id: 'L-mo' + j + $t, status: 'PROBATIONARY', since: date('2018-01-01')}]->(lead)
                """,
                "MATCH (:Person)-[m:MEMBER_OF]->(:PartyOrganization {id: 'L-lead' + $t}) WHERE m.status = 'PROBATIONARY' SET m.status = 'FORMAL'",
                // a member's membership ended
                "MATCH ()-[m:MEMBER_OF {id: 'L-mo1' + $t}]->() SET m.until = date('2019-01-01')",
                // the community's leadership ended
                "MATCH ()-[l:LEADS {id: 'L-l1' + $t}]->() SET l.until = date('2019-01-01')",
                // an instructor gone
                "MATCH (p:Person {id: 'L-i1' + $t}) DETACH DELETE p",
                // a unit deleted, another created in the compound
                "MATCH (u:Unit {id: 'L-u7' + $t}) DETACH DELETE u",
                """
                MATCH (k:Compound {id: 'L-k1' + $t})
                CREATE (:Entity:Unit {id: 'L-u9' + $t, name: 'L单位9' + $t, kind: 'PROPERTY_COMPANY'})
                  -[:LOCATED_IN {id: 'L-loc9' + $t, since: date('2018-01-01')}]->(k)
                """,
                // a unit's id changed
                "MATCH (u:Unit {id: 'L-u8' + $t}) SET u.id = 'L-u8b' + $t",
                // the compound deleted with its ties
                "MATCH (k:Compound {id: 'L-k1' + $t}) DETACH DELETE k"));
        long unitsRead = ledger.counts().get("unitsRead");
        for (String change : changes) {
            bolt(change);
            assertSameAsTheStatement(change);
        }
        // through the API as well
        renameOrganization("L-lead" + t, "L社区党委改");
        assertSameAsTheStatement("a rename through the API");

        // a change no unit's coverage reads costs the kept answer no statement but the page's rows
        ledger.coverage(TWO_NEW, null, AS_OF, 3, null);
        touchGraph();
        long sent = graph.sentCount();
        ledger.coverage(TWO_NEW, null, AS_OF, 3, null);
        assertThat(graph.sentCount() - sent)
                .as("statements after a change no unit reads")
                .isEqualTo(1);

        assertThat(ledger.counts().get("fullReads")).as("every unit read again").isEqualTo(fullReads);
        long units = (Long) statement(ALL, null, 1, null).get("total");
        assertThat(ledger.counts().get("unitsRead") - unitsRead)
                .as("units read again for %d changes, of %d units", changes.size() + 1, units)
                .isLessThan(changes.size() * 10L);
    }

    @Test
    void aScopeIsAnsweredFromTheKeptUnitsOnceItsDateHasBeenReadInTheBackground() throws Exception {
        fixture();
        var day = LocalDate.of(2019, 11, 17); // a date no other test asks
        String question = """
                query($s: ID, $d: Date) { coverage(scope: $s, asOf: $d, groupBy: BIG_COMMUNITY) {
                  total organizational work shouldBuildCount groups { key total organizational work shouldBuild }
                  uncovered(first: 3) { totalCount nodes { unit { id } } } } }""";
        long answered = ledger.counts().get("scopesAnswered");
        var first = coverage(question, "L-city" + t, day);
        assertThat(ledger.keeps(day))
                .as("kept after one question about a scope")
                .isFalse();
        touchGraph();
        // asked a second time: answered by the statement again, and the date read in the background
        assertThat(coverage(question, "L-city" + t, day)).isEqualTo(first);
        awaitBackgroundReads();
        assertThat(ledger.keeps(day)).as("kept after the background read").isTrue();
        assertThat(ledger.counts().get("scopesAnswered")).isEqualTo(answered);

        // a change, then the scope from the kept units: as the statement answers it
        cypher("""
                MATCH (u:Unit {id: 'L-u2' + $t})
                CREATE (:Entity:PartyOrganization {id: 'L-o2' + $t, name: 'L支部二' + $t, kind: 'BRANCH', sector: 'TWO_NEW'})
                  -[:ESTABLISHED_IN {id: 'L-e2' + $t, mode: 'STANDALONE', since: date('2019-01-01')}]->(u)
                """);
        for (String scope : List.of("L-city", "L-big1", "L-lead")) {
            var kept = coverage(question, scope + t, day);
            var row = statementOn(scope + t, day);
            assertThat(kept.get("total")).as("total of %s", scope).isEqualTo(((Number) row.get("total")).intValue());
            assertThat(kept.get("organizational"))
                    .as("organizational of %s", scope)
                    .isEqualTo(((Number) row.get("organizational")).intValue());
            assertThat(((Map<?, ?>) kept.get("uncovered")).get("totalCount"))
                    .as("uncovered of %s", scope)
                    .isEqualTo(((Number) row.get("uncoveredCount")).intValue());
        }
        assertThat(first.get("organizational"))
                .as("the change moved the city's figures")
                .isNotEqualTo(((Number) statementOn("L-city" + t, day).get("organizational")).intValue());
        assertThat(ledger.counts().get("scopesAnswered") - answered)
                .as("scopes answered from the kept units")
                .isEqualTo(3);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> coverage(String question, String scope, LocalDate day) {
        return api.document(question)
                .variable("s", scope)
                .variable("d", day.toString())
                .execute()
                .path("coverage")
                .entity(Map.class)
                .get();
    }

    private Map<String, Object> statementOn(String scope, LocalDate day) {
        var params = new HashMap<String, Object>();
        params.put("scope", scope);
        params.put("unitKinds", TWO_NEW);
        params.put("groupBy", null);
        params.put("asOf", day);
        params.put("first", 3);
        params.put("after", null);
        return queries.row("coverage", params);
    }

    @Test
    void writersRacingEachOtherAndReadersEachReadTheirOwnWriteAndNothingIsLost() throws Exception {
        int writers = 4;
        int readers = 2;
        int rounds = 10;
        cypher("""
                UNWIND range(0, 3) AS i
                CREATE (:Entity:Unit {id: 'R-u' + i + $t, name: 'R单位' + i, kind: 'RACE_' + i + '_' + $t})
                CREATE (:Entity:PartyOrganization {id: 'R-o' + i + $t, name: 'R支部' + i, kind: 'BRANCH', sector: 'TWO_NEW'})
                """);
        ledger.coverage(TWO_NEW, null, AS_OF, 5, null);
        var scopedAnswers = new java.util.concurrent.atomic.AtomicInteger();
        var wrong = WritersAndReaders.race(
                writers,
                readers,
                rounds,
                (i, r) -> {
                    boolean establish = WritersAndReaders.toggleTie(
                            driver,
                            r,
                            "MATCH (o:PartyOrganization {id: $o}), (u:Unit {id: $u}) CREATE (o)-[:ESTABLISHED_IN {id: $tie, mode: 'STANDALONE'}]->(u)",
                            "MATCH ()-[e:ESTABLISHED_IN {id: $tie}]->() DELETE e",
                            "R-e" + i + t,
                            Map.of("o", "R-o" + i + t, "u", "R-u" + i + t));
                    var kinds = List.of("RACE_" + i + "_" + t);
                    var answer = ledger.coverage(kinds, null, AS_OF, 5, null);
                    long expected = establish ? 1 : 0;
                    if (!Long.valueOf(expected).equals(answer.get("organizational"))) {
                        return "whole graph " + answer.get("organizational");
                    }
                    // the unit as a scope's: from the kept units unless another reader holds the date
                    var scoped = ledger.coverageIfKept(List.of("R-u" + i + t), kinds, null, AS_OF, 5, null);
                    if (scoped.isPresent()) {
                        scopedAnswers.incrementAndGet();
                        if (!Long.valueOf(expected).equals(scoped.get().get("organizational"))) {
                            return "scope " + scoped.get().get("organizational");
                        }
                    }
                    return null;
                },
                () -> ledger.coverage(TWO_NEW, "BIG_COMMUNITY", AS_OF, 10, null));
        assertThat(wrong).as("answers that missed the writer's own write").isEmpty();
        assertThat(scopedAnswers.get())
                .as("scopes answered from the kept units")
                .isPositive();
        for (int i = 0; i < writers; i++) {
            var kinds = List.of("RACE_" + i + "_" + t);
            assertThat(ledger.coverage(kinds, "UNIT_KIND", AS_OF, 5, null))
                    .isEqualTo(statement(kinds, "UNIT_KIND", 5, null));
        }
        assertSameAsTheStatement("the race");
        cypher("MATCH (u:Unit) WHERE u.id STARTS WITH 'R-u' AND u.id ENDS WITH $t SET u.kind = 'SOCIAL_ORGANIZATION'");
    }
}

package org.dangjian.graph.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
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
 * The whole-graph compound coverage kept per compound equals what compound-coverage.cypher answers
 * over the whole graph, for every choice of kinds, after every kind of change it depends on (over Bolt
 * and through the API), while reading again only the compounds a change touched; and writers racing
 * each other and readers each read their own write.
 */
@IntegrationTest
class CompoundLedgerIT extends GraphFixture {

    private static final LocalDate AS_OF = LocalDate.of(2020, 3, 1);
    private static final List<List<String>> KINDS = List.of(
            List.of("RESIDENTIAL", "COMMERCIAL"),
            List.of("FARMERS_MARKET"),
            List.of("RESIDENTIAL", "COMMERCIAL", "FARMERS_MARKET", "SUPERMARKET"));

    @Autowired
    CompoundLedger ledger;

    @Autowired
    NamedQueries queries;

    private Map<String, Object> statement(List<String> kinds) {
        var params = new HashMap<String, Object>();
        params.put("scope", null);
        params.put("compoundKinds", kinds);
        params.put("asOf", AS_OF);
        return queries.row("compound-coverage", params);
    }

    private void assertSameAsTheStatement(String after) {
        for (var kinds : KINDS) {
            assertThat(ledger.compoundCoverage(kinds, AS_OF))
                    .as("%s, after %s", kinds, after)
                    .isEqualTo(statement(kinds));
        }
    }

    /**
     * Four compounds: one managed by a property company with an organization, one whose owners'
     * committee has a member, one covered by a grid with a worker, one (a market) covered by none.
     */
    private void fixture() {
        cypher("""
                CREATE (k1:Entity:Compound {id: 'Q-k1' + $t, name: 'Q小区一' + $t, kind: 'RESIDENTIAL'})
                CREATE (k2:Entity:Compound {id: 'Q-k2' + $t, name: 'Q小区二' + $t, kind: 'RESIDENTIAL'})
                CREATE (k3:Entity:Compound {id: 'Q-k3' + $t, name: 'Q小区三' + $t, kind: 'COMMERCIAL'})
                CREATE (k4:Entity:Compound {id: 'Q-k4' + $t, name: 'Q市场' + $t, kind: 'FARMERS_MARKET'})
                CREATE (pc:Entity:Unit {id: 'Q-pc' + $t, name: 'Q物业' + $t, kind: 'PROPERTY_COMPANY'})
                CREATE (oc:Entity:Unit {id: 'Q-oc' + $t, name: 'Q业委会' + $t, kind: 'OWNERS_COMMITTEE'})
                CREATE (o:Entity:PartyOrganization {id: 'Q-o' + $t, name: 'Q支部' + $t, kind: 'BRANCH', sector: 'TWO_NEW'})
                CREATE (o)-[:ESTABLISHED_IN {id: 'Q-e' + $t, mode: 'STANDALONE', since: date('2018-01-01')}]->(pc)
                CREATE (k1)-[:MANAGED_BY {id: 'Q-m' + $t, since: date('2018-01-01')}]->(pc)
                CREATE (k2)-[:HAS {id: 'Q-h' + $t, since: date('2018-01-01')}]->(oc)
                CREATE (p:Entity:Person {id: 'Q-p' + $t, name: 'Q业主'})-[:WORKS_AT {id: 'Q-wa' + $t}]->(oc)
                CREATE (p)-[:MEMBER_OF {id: 'Q-mo' + $t, status: 'FORMAL', since: date('2018-01-01')}]->(o)
                CREATE (g:Entity:Grid {id: 'Q-g' + $t, name: 'Q网格' + $t})-[:COVERS {id: 'Q-cv' + $t}]->(k3)
                CREATE (:Entity:Person {id: 'Q-w' + $t, name: 'Q网格员'})-[:GRID_WORKER_FOR {id: 'Q-gw' + $t, kind: 'COMMUNITY_STAFF'}]->(g)
                """);
    }

    @Test
    void theCoverageKeptPerCompoundFollowsEveryChangeAndReadsOnlyTheCompoundsItTouched() {
        fixture();
        assertSameAsTheStatement("the fixture");
        long fullReads = ledger.counts().get("fullReads");
        long compoundsRead = ledger.counts().get("compoundsRead");

        var changes = new ArrayList<String>(List.of(
                // the organization's establishment ended; the property company renamed
                "MATCH ()-[e:ESTABLISHED_IN {id: 'Q-e' + $t}]->() SET e.until = date('2020-01-01')",
                "MATCH (u:Unit {id: 'Q-pc' + $t}) SET u.name = 'Q物业新' + $t",
                // an organization established in it again
                """
                MATCH (u:Unit {id: 'Q-pc' + $t})
                CREATE (:Entity:PartyOrganization {id: 'Q-o2' + $t, name: 'Q支部二' + $t, kind: 'BRANCH', sector: 'TWO_NEW'})
                  -[:ESTABLISHED_IN {id: 'Q-e2' + $t, since: date('2019-01-01')}]->(u)
                """,
                // the organization no longer one
                "MATCH (o:PartyOrganization {id: 'Q-o2' + $t}) REMOVE o:PartyOrganization",
                // the owners' committee's member's membership ended, then the member no longer a person
                "MATCH ()-[m:MEMBER_OF {id: 'Q-mo' + $t}]->() SET m.until = date('2019-06-01')",
                "MATCH ()-[m:MEMBER_OF {id: 'Q-mo' + $t}]->() REMOVE m.until",
                "MATCH (p:Person {id: 'Q-p' + $t}) REMOVE p:Person",
                // the member's organization no longer one, then one again
                "MATCH (o:PartyOrganization {id: 'Q-o' + $t}) REMOVE o:PartyOrganization",
                "MATCH (o:Entity {id: 'Q-o' + $t}) SET o:PartyOrganization",
                "MATCH (p:Entity {id: 'Q-p' + $t}) SET p:Person",
                // a worker's tie ended; the grid renamed; the grid covers the market too
                "MATCH ()-[w:GRID_WORKER_FOR {id: 'Q-gw' + $t}]->() SET w.until = date('2019-01-01')",
                "MATCH (g:Grid {id: 'Q-g' + $t}) SET g.name = 'Q网格新' + $t",
                """
                MATCH (g:Grid {id: 'Q-g' + $t}), (k:Compound {id: 'Q-k4' + $t})
                CREATE (g)-[:COVERS {id: 'Q-cv2' + $t}]->(k)
                CREATE (:Entity:Person {id: 'Q-w2' + $t, name: 'Q网格员二'})-[:GRID_WORKER_FOR {id: 'Q-gw2' + $t, kind: 'TWO_NEW'}]->(g)
                """,
                // a second property company for one compound, a second grid for another: each list in one order
                """
                MATCH (k:Compound {id: 'Q-k1' + $t})
                CREATE (k)-[:MANAGED_BY {id: 'Q-m2' + $t}]->(:Entity:Unit {id: 'Q-pc0' + $t, name: 'Q物业零' + $t, kind: 'PROPERTY_COMPANY'})
                """,
                """
                MATCH (k:Compound {id: 'Q-k3' + $t})
                CREATE (:Entity:Grid {id: 'Q-g0' + $t, name: 'Q网格零' + $t})-[:COVERS {id: 'Q-cv3' + $t}]->(k)
                """,
                // a compound renamed (the order moves), its kind changed, its id changed
                "MATCH (k:Compound {id: 'Q-k2' + $t}) SET k.name = 'Q小区〇' + $t",
                "MATCH (k:Compound {id: 'Q-k3' + $t}) SET k.kind = 'SUPERMARKET'",
                "MATCH (k:Compound {id: 'Q-k1' + $t}) SET k.id = 'Q-k1b' + $t",
                // a compound, a unit, a grid and a worker deleted with their ties
                "MATCH (u:Unit {id: 'Q-oc' + $t}) DETACH DELETE u",
                "MATCH (p:Person {id: 'Q-w2' + $t}) DETACH DELETE p",
                "MATCH (g:Grid {id: 'Q-g' + $t}) DETACH DELETE g",
                "MATCH (k:Compound {id: 'Q-k4' + $t}) DETACH DELETE k",
                // a new compound, covered by none
                "CREATE (:Entity:Compound {id: 'Q-k5' + $t, name: 'Q小区五' + $t, kind: 'COMMERCIAL'})"));
        for (String change : changes) {
            cypher(change);
            assertSameAsTheStatement(change);
        }
        // through the API as well
        api.document(
                        "mutation($id: ID!, $name: String!) { updateCompound(input: {id: $id, name: $name}) { compound { id } } }")
                .variable("id", "Q-k5" + t)
                .variable("name", "Q小区五改" + t)
                .execute()
                .errors()
                .verify();
        assertSameAsTheStatement("a rename through the API");

        // a change no compound's coverage reads sends no statement
        ledger.compoundCoverage(KINDS.get(0), AS_OF);
        touchGraph();
        long sent = graph.sentCount();
        ledger.compoundCoverage(KINDS.get(0), AS_OF);
        assertThat(graph.sentCount() - sent)
                .as("statements after a change no compound reads")
                .isZero();

        assertThat(ledger.counts().get("fullReads"))
                .as("every compound read again")
                .isEqualTo(fullReads);
        assertThat(ledger.counts().get("compoundsRead") - compoundsRead)
                .as("compounds read again for %d changes", changes.size() + 1)
                .isLessThan(changes.size() * 2L);
    }

    @Test
    void theWholeGraphQuestionIsAnsweredFromTheLedgerAsTheStatementAnswersIt() {
        fixture();
        ask();
        // a change to one compound: the next question reads it again, and only it
        cypher("MATCH (k:Compound {id: 'Q-k3' + $t}) SET k.name = 'Q小区三改' + $t");
        long read = ledger.counts().get("compoundsRead");
        var asked = ask();
        assertThat(ledger.counts().get("compoundsRead") - read)
                .as("compounds read again for the question")
                .isEqualTo(1);
        var row = statement(KINDS.get(0));
        for (String field : List.of("total", "byPropertyCompany", "byOwnersCommittee", "byGrid", "byNone")) {
            assertThat(asked.get(field)).as(field).isEqualTo(((Number) row.get(field)).intValue());
        }
        @SuppressWarnings("unchecked")
        var compounds = (List<Map<String, Map<String, Object>>>) asked.get("compounds");
        @SuppressWarnings("unchecked")
        var rowCompounds = (List<Map<String, Map<String, Object>>>) row.get("compounds");
        assertThat(compounds.stream().map(c -> c.get("compound").get("name")).toList())
                .contains("Q小区三改" + t)
                .isEqualTo(rowCompounds.stream()
                        .map(c -> c.get("compound").get("name"))
                        .toList());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ask() {
        return api.document("""
                        query($d: Date) { compoundCoverage(asOf: $d) { total byPropertyCompany byOwnersCommittee byGrid byNone
                          compounds { compound { id name } byNone } } }""")
                .variable("d", AS_OF.toString())
                .execute()
                .path("compoundCoverage")
                .entity(Map.class)
                .get();
    }

    @Test
    void writersRacingEachOtherAndReadersEachReadTheirOwnWrite() throws Exception {
        int writers = 4;
        int readers = 2;
        int rounds = 10;
        cypher("""
                UNWIND range(0, 3) AS i
                CREATE (:Entity:Compound {id: 'QR-k' + i + $t, name: 'QR小区' + i + $t, kind: 'RESIDENTIAL'})
                CREATE (:Entity:Grid {id: 'QR-g' + i + $t, name: 'QR网格' + i + $t})
                CREATE (:Entity:Person {id: 'QR-w' + i + $t, name: 'QR网格员' + i})
                """);
        cypher("""
                UNWIND range(0, 3) AS i
                MATCH (p:Person {id: 'QR-w' + i + $t}), (g:Grid {id: 'QR-g' + i + $t})
                CREATE (p)-[:GRID_WORKER_FOR {id: 'QR-gwg' + i + $t, kind: 'TWO_NEW'}]->(g)
                """);
        ledger.compoundCoverage(KINDS.get(0), AS_OF);
        var wrong = WritersAndReaders.race(
                writers,
                readers,
                rounds,
                (i, r) -> {
                    boolean cover = WritersAndReaders.toggleTie(
                            driver,
                            r,
                            "MATCH (g:Grid {id: $g}), (k:Compound {id: $k}) CREATE (g)-[:COVERS {id: $tie}]->(k)",
                            "MATCH ()-[c:COVERS {id: $tie}]->() DELETE c",
                            "QR-c" + i + t,
                            Map.of("g", "QR-g" + i + t, "k", "QR-k" + i + t));
                    Boolean byGrid = byGrid(ledger.compoundCoverage(KINDS.get(0), AS_OF), "QR-k" + i + t);
                    return Boolean.valueOf(cover).equals(byGrid) ? null : "byGrid " + byGrid;
                },
                () -> ledger.compoundCoverage(KINDS.get(0), AS_OF));
        assertThat(wrong).as("answers that missed the writer's own write").isEmpty();
        assertSameAsTheStatement("the race");
    }

    @SuppressWarnings("unchecked")
    private static Boolean byGrid(Map<String, Object> report, String compoundId) {
        for (var c : (List<Map<String, Object>>) report.get("compounds")) {
            if (compoundId.equals(((Map<String, Object>) c.get("compound")).get("id"))) {
                return (Boolean) c.get("byGrid");
            }
        }
        return null;
    }
}

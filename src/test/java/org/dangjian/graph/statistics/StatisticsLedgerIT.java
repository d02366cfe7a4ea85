package org.dangjian.graph.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.WritersAndReaders;
import org.dangjian.graph.queries.CypherCatalogue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole graph's statistics kept per node type and tie type equal statistics-all.cypher run over the
 * whole graph after every kind of change (past the service, over Bolt, and through the API), counting
 * again only the types a change touched; and writers racing each other and readers each read their
 * own write at once.
 */
@IntegrationTest
class StatisticsLedgerIT extends GraphFixture {

    private static final LocalDate AS_OF = LocalDate.of(2020, 3, 1);

    @Autowired
    StatisticsLedger ledger;

    @Autowired
    CypherCatalogue catalogue;

    private Map<String, Object> statement() {
        var params = new HashMap<String, Object>();
        params.put("asOf", AS_OF);
        params.put("nodeTypes", null);
        params.put("tieTypes", null);
        var row = new HashMap<>(graph.row(catalogue.get("statistics-all").cypher(), params));
        row.remove("nodeGroups");
        return row;
    }

    private void assertSameAsTheStatement(String after) {
        var expected = statement();
        var kept = ledger.statistics(AS_OF);
        assertThat(kept.get("nodes")).as("nodes after %s", after).isEqualTo(expected.get("nodes"));
        assertThat(kept.get("ties")).as("ties after %s", after).isEqualTo(expected.get("ties"));
        assertThat(kept.get("measures")).as("measures after %s", after).isEqualTo(expected.get("measures"));
    }

    @Test
    void theStatisticsKeptPerTypeFollowEveryChangeAndCountAgainOnlyTheTypesItTouched() {
        cypher("""
                CREATE (a:Entity:Area {id: 'S-a' + $t, name: 'S社区' + $t, kind: 'COMMUNITY', population: 1000})
                CREATE (c:Entity:Compound {id: 'S-c' + $t, name: 'S小区' + $t, kind: 'RESIDENTIAL', households: 200})-[:IN {id: 'S-in' + $t}]->(a)
                CREATE (u:Entity:Unit {id: 'S-u' + $t, name: 'S单位' + $t, kind: 'NON_PUBLIC_ENTERPRISE'})-[:LOCATED_IN {id: 'S-l' + $t, since: date('2018-01-01')}]->(c)
                CREATE (o:Entity:PartyOrganization {id: 'S-o' + $t, name: 'S支部' + $t, kind: 'BRANCH', sector: 'TWO_NEW'})
                """);
        assertSameAsTheStatement("the fixture");
        long fullReads = ledger.counts().get("fullReads");
        var changes = List.of(
                "MATCH (u:Unit {id: 'S-u' + $t}) SET u.kind = 'SOCIAL_ORGANIZATION'",
                "MATCH (a:Area {id: 'S-a' + $t}) SET a.population = 1500",
                "MATCH (c:Compound {id: 'S-c' + $t}) SET c.households = 250",
                """
                MATCH (o:PartyOrganization {id: 'S-o' + $t}), (u:Unit {id: 'S-u' + $t})
                CREATE (o)-[:ESTABLISHED_IN {id: 'S-e' + $t, mode: 'STANDALONE', since: date('2019-01-01')}]->(u)
                """,
                """
                MATCH (o:PartyOrganization {id: 'S-o' + $t})
                UNWIND range(1, 3) AS j
                CREATE (:Entity:Person {id: 'S-p' + j + $t, name: 'S党员' + j})-[:MEMBER_OF {id: 'S-m' + j + $t, status: 'FORMAL', since: date('2015-01-01')}]->(o)
                """,
                "MATCH ()-[m:MEMBER_OF {id: 'S-m1' + $t}]->() SET m.until = date('2019-01-01')",
                "MATCH ()-[m:MEMBER_OF {id: 'S-m2' + $t}]->() SET m.status = 'PROBATIONARY'",
                // a designation made after the date, with its rectification; then dated before it
                """
                MATCH (o:PartyOrganization {id: 'S-o' + $t})
                CREATE (o)-[:DESIGNATED {id: 'S-dt' + $t}]->(d:Entity:Designation {id: 'S-d' + $t, type: 'WEAK', since: date('2021-01-01')})
                CREATE (d)-[:RECTIFIED_BY {id: 'S-rt' + $t}]->(:Entity:Rectification {id: 'S-r' + $t, status: 'IDENTIFIED'})
                """,
                "MATCH (d:Designation {id: 'S-d' + $t}) SET d.since = date('2019-06-01')",
                "MATCH (r:Rectification {id: 'S-r' + $t}) SET r.status = 'RECTIFYING'",
                "MATCH (p:Person {id: 'S-p3' + $t}) DETACH DELETE p",
                "MATCH (c:Compound {id: 'S-c' + $t}) DETACH DELETE c");
        for (String change : changes) {
            cypher(change);
            assertSameAsTheStatement(change);
        }
        api.document(
                        "mutation($id: ID!) { updatePartyOrganization(input: {id: $id, name: \"S支部改\"}) { partyOrganization { id } } }")
                .variable("id", "S-o" + t)
                .execute()
                .errors()
                .verify();
        assertSameAsTheStatement("a rename through the API");
        long partial = ledger.counts().get("fullReads") - fullReads;
        // a label given to an existing node: its ties' ends change type, so everything is counted again
        cypher("MATCH (u:Unit {id: 'S-u' + $t}) SET u:Grid");
        assertSameAsTheStatement("a label given");
        cypher("MATCH (u:Unit {id: 'S-u' + $t}) REMOVE u:Grid");
        assertSameAsTheStatement("a label taken");
        assertThat(partial)
                .as("changes after which everything was counted again (a deleted node's labels are known)")
                .isZero();
    }

    @Test
    void writersRacingEachOtherAndReadersEachReadTheirOwnWrite() throws Exception {
        int writers = 4;
        int readers = 2;
        int rounds = 10;
        cypher("""
                UNWIND range(0, 3) AS i
                CREATE (:Entity:Unit {id: 'SR-u' + i + $t, name: 'SR单位' + i, kind: 'NON_PUBLIC_ENTERPRISE'})
                CREATE (:Entity:Area {id: 'SR-a' + i + $t, name: 'SR社区' + i, kind: 'COMMUNITY'})
                """);
        ledger.statistics(AS_OF);
        var wrong = WritersAndReaders.race(
                writers,
                readers,
                rounds,
                (i, r) -> {
                    String program = "RACE-" + i + "-" + t;
                    boolean pair = r % 2 == 0;
                    try (var session = driver.session()) {
                        session.run(
                                        pair
                                                ? "MATCH (u:Unit {id: $u}), (a:Area {id: $a}) CREATE (u)-[:PAIRED_WITH {id: $p, program: $program}]->(a)"
                                                : "MATCH ()-[p:PAIRED_WITH {id: $p}]->() DELETE p",
                                        Map.of(
                                                "u", "SR-u" + i + t,
                                                "a", "SR-a" + i + t,
                                                "p", "SR-p" + i + "-" + (r / 2) + t,
                                                "program", program))
                                .consume();
                    }
                    @SuppressWarnings("unchecked")
                    var ties =
                            (List<Map<String, Object>>) ledger.statistics(AS_OF).get("ties");
                    long count = ties.stream()
                            .filter(g -> program.equals(g.get("detail")))
                            .mapToLong(g -> ((Number) g.get("count")).longValue())
                            .sum();
                    return count == (pair ? 1 : 0) ? null : String.valueOf(count);
                },
                () -> ledger.statistics(AS_OF));
        assertThat(wrong).as("answers that missed the writer's own write").isEmpty();
        assertSameAsTheStatement("the race");
    }
}

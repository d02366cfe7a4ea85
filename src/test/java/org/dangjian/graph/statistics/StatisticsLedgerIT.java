package org.dangjian.graph.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.WritersAndReaders;
import org.dangjian.graph.database.GraphVersion;
import org.dangjian.graph.queries.CypherCatalogue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole graph's statistics kept in blocks of nodes equal statistics-all.cypher run over the whole
 * graph after every kind of change (past the service, over Bolt, and through the API), counting again
 * only the blocks a change touched; and writers racing each other and readers each read their own write
 * at once. The service's blocks hold one node id in the tests, so that the ends of a tie, a designation
 * and its rectification always lie in different blocks; a second ledger keeps blocks of 64 ids, which
 * hold many nodes each.
 */
@IntegrationTest
class StatisticsLedgerIT extends GraphFixture {

    private static final LocalDate AS_OF = LocalDate.of(2020, 3, 1);

    @Autowired
    StatisticsLedger ledger;

    @Autowired
    CypherCatalogue catalogue;

    @Autowired
    GraphVersion version;

    private StatisticsLedger blocksOf64;

    private void assertSameAsTheStatement(String after) {
        for (var l : blocksOf64 == null ? List.of(ledger) : List.of(ledger, blocksOf64)) {
            assertSameAsTheStatement(l, AS_OF, after + (l == ledger ? ", blocks of 1" : ", blocks of 64"));
        }
    }

    @Test
    void theStatisticsKeptInBlocksFollowEveryChangeAndCountAgainOnlyTheBlocksItTouched() {
        blocksOf64 = new StatisticsLedger(graph, version, catalogue, true, 64, true);
        cypher("""
                CREATE (a:Entity:Area {id: 'S-a' + $t, name: 'S社区' + $t, kind: 'COMMUNITY', population: 1000})
                CREATE (c:Entity:Compound {id: 'S-c' + $t, name: 'S小区' + $t, kind: 'RESIDENTIAL', households: 200})-[:IN {id: 'S-in' + $t}]->(a)
                CREATE (u:Entity:Unit {id: 'S-u' + $t, name: 'S单位' + $t, kind: 'NON_PUBLIC_ENTERPRISE'})-[:LOCATED_IN {id: 'S-l' + $t, since: date('2018-01-01')}]->(c)
                CREATE (o:Entity:PartyOrganization {id: 'S-o' + $t, name: 'S支部' + $t, kind: 'BRANCH', sector: 'TWO_NEW'})
                """);
        assertSameAsTheStatement("the fixture");
        long fullReads = ledger.counts().get("fullReads");
        long fullReads64 = blocksOf64.counts().get("fullReads");
        long blocksRead = ledger.counts().get("blocksRead");
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
                // a tie to the sample's first area, whose block is far from the unit's
                """
                MATCH (u:Unit {id: 'S-u' + $t}) MATCH (a:Area) WITH u, a ORDER BY id(a) LIMIT 1
                CREATE (u)-[:PAIRED_WITH {id: 'S-pw' + $t, program: 'S-' + $t}]->(a)
                """,
                "MATCH (c:Compound {id: 'S-c' + $t}) DETACH DELETE c",
                // a node without an id (written over Bolt), counted all the same; then deleted
                "CREATE (:Entity:Unit {name: 'S无编号' + $t, kind: 'NON_PUBLIC_ENTERPRISE'})",
                "MATCH (u:Unit {name: 'S无编号' + $t}) DELETE u");
        for (String change : changes) {
            cypher(change);
            assertSameAsTheStatement(change);
        }
        renameOrganization("S-o" + t, "S支部改");
        assertSameAsTheStatement("a rename through the API");
        // an existing node with ties changes type: its ties' other ends are counted with another type
        cypher("MATCH (u:Unit {id: 'S-u' + $t}) REMOVE u:Unit SET u:Grid");
        assertSameAsTheStatement("a unit made a grid");
        cypher("MATCH (u:Grid {id: 'S-u' + $t}) REMOVE u:Grid SET u:Unit");
        assertSameAsTheStatement("a grid made a unit again");
        cypher("MATCH (o:PartyOrganization {id: 'S-o' + $t}) REMOVE o:Entity");
        assertSameAsTheStatement("a node no longer counted");
        cypher("MATCH (o:PartyOrganization {id: 'S-o' + $t}) SET o:Entity");
        assertSameAsTheStatement("a node counted again");
        assertThat(ledger.counts().get("fullReads") - fullReads)
                .as("changes after which everything was counted again")
                .isZero();
        assertThat(blocksOf64.counts().get("fullReads") - fullReads64)
                .as("changes after which everything was counted again, blocks of 64")
                .isZero();
        long blocks = (Long) graph.row("MATCH (n:Entity) RETURN count(n) AS blocks", Map.of())
                .get("blocks");
        int kinds = changes.size() + 5;
        assertThat(ledger.counts().get("blocksRead") - blocksRead)
                .as("blocks (nodes, starts, ends) counted again for %d changes, of %d blocks", kinds, blocks)
                .isLessThanOrEqualTo(kinds * 8L);
    }

    private Map<String, Object> statement(LocalDate asOf) {
        var params = new HashMap<String, Object>();
        params.put("asOf", asOf);
        return graph.row(catalogue.get("statistics-all").cypher(), params);
    }

    private void assertSameAsTheStatement(StatisticsLedger l, LocalDate asOf, String after) {
        var expected = statement(asOf);
        var kept = l.statistics(asOf);
        for (String key : List.of("nodes", "ties", "measures")) {
            assertThat(kept.get(key)).as("%s on %s, after %s", key, asOf, after).isEqualTo(expected.get(key));
        }
    }

    /** The blocks of 64 ids with something dated after one day, up to the other: what a move reads. */
    private long blocksDatedBetween(LocalDate a, LocalDate b) {
        var params = new HashMap<String, Object>();
        params.put("after", a.isBefore(b) ? a : b);
        params.put("upTo", a.isBefore(b) ? b : a);
        return (Long) graph.row("""
                        CALL () {
                          MATCH (s:Entity)-[r]->(e:Entity)
                          WHERE (r.since > $after AND r.since <= $upTo) OR (r.until > $after AND r.until <= $upTo)
                          RETURN count(DISTINCT id(s) / 64) AS starts, count(DISTINCT id(e) / 64) AS ends
                        }
                        CALL () {
                          MATCH (n:Entity)
                          WHERE (n:Designation AND n.since > $after AND n.since <= $upTo)
                             OR (n:Rectification AND EXISTS {
                                   MATCH (d:Designation)-[:RECTIFIED_BY]->(n) WHERE d.since > $after AND d.since <= $upTo })
                          RETURN count(DISTINCT id(n) / 64) AS nodes
                        }
                        RETURN starts + ends + nodes AS blocks
                        """, params).get("blocks");
    }

    @Test
    void aDateNotKeptIsMovedFromTheNearestKeptDateCountingOnlyTheBlocksDatedBetween() {
        var l = new StatisticsLedger(graph, version, catalogue, true, 64, true);
        var later = LocalDate.of(2020, 9, 15);
        cypher("""
                CREATE (o:Entity:PartyOrganization {id: 'SD-o' + $t, name: 'SD支部' + $t, kind: 'BRANCH', sector: 'TWO_NEW'})
                CREATE (:Entity:Person {id: 'SD-p1' + $t, name: 'SD党员1'})-[:MEMBER_OF {id: 'SD-m1' + $t, status: 'FORMAL', since: date('2020-06-01')}]->(o)
                CREATE (:Entity:Person {id: 'SD-p2' + $t, name: 'SD党员2'})-[:MEMBER_OF {id: 'SD-m2' + $t, status: 'FORMAL', since: date('2015-01-01'), until: date('2020-08-01')}]->(o)
                CREATE (o)-[:DESIGNATED {id: 'SD-dt' + $t}]->(d:Entity:Designation {id: 'SD-d' + $t, type: 'WEAK', since: date('2020-07-01')})
                CREATE (d)-[:RECTIFIED_BY {id: 'SD-rt' + $t}]->(:Entity:Rectification {id: 'SD-r' + $t, status: 'IDENTIFIED'})
                """);
        assertSameAsTheStatement(l, AS_OF, "the fixture");
        assertThat(l.counts().get("fullReads")).isEqualTo(1);
        // later, then a day after that, then back before the first date: each moved from the nearest kept
        var dates = List.of(later, later.plusDays(1), AS_OF.minusDays(1));
        var from = List.of(AS_OF, later, AS_OF);
        for (int i = 0; i < dates.size(); i++) {
            if (i == 2) {
                l.statistics(AS_OF); // kept (three dates are), asked again: the date least recently asked goes
            }
            long moved = l.counts().get("blocksMoved");
            assertSameAsTheStatement(l, dates.get(i), "a move from " + from.get(i));
            assertThat(l.counts().get("blocksMoved") - moved)
                    .as("blocks read to move %s to %s", from.get(i), dates.get(i))
                    .isEqualTo(blocksDatedBetween(from.get(i), dates.get(i)));
        }
        assertThat(l.counts().get("blocksMoved"))
                .as("blocks read for the moves: the fixture's dates lie between the first two")
                .isGreaterThanOrEqualTo(4);
        assertThat(l.counts().get("fullReads")).as("whole reads").isEqualTo(1);
        assertThat(l.counts().get("datesMoved")).isEqualTo(3);
        // the dates moved from stay as they were, and every date follows changes after its move
        cypher("MATCH ()-[m:MEMBER_OF {id: 'SD-m1' + $t}]->() SET m.since = date('2020-09-16')");
        cypher("MATCH (d:Designation {id: 'SD-d' + $t}) SET d.since = date('2020-02-01')");
        for (var date : List.of(AS_OF.minusDays(1), later, later.plusDays(1))) {
            assertSameAsTheStatement(l, date, "changes of dates");
        }
        assertThat(l.counts().get("fullReads")).as("whole reads").isEqualTo(1);
        // with party-graph.statistics.move-dates=false every date is read whole
        var unmoved = new StatisticsLedger(graph, version, catalogue, true, 64, false);
        assertSameAsTheStatement(unmoved, AS_OF, "a whole read");
        assertSameAsTheStatement(unmoved, later, "a whole read");
        assertThat(unmoved.counts().get("fullReads")).isEqualTo(2);
        assertThat(unmoved.counts().get("datesMoved")).isZero();
    }

    /** Four units and four areas for the race tests' writers to pair: {prefix}-u{i} and {prefix}-a{i}. */
    private void unitsAndAreas(String prefix) {
        cypher("""
                UNWIND range(0, 3) AS i
                CREATE (:Entity:Unit {id: $prefix + '-u' + i + $t, name: $prefix + '单位' + i, kind: 'NON_PUBLIC_ENTERPRISE'})
                CREATE (:Entity:Area {id: $prefix + '-a' + i + $t, name: $prefix + '社区' + i, kind: 'COMMUNITY'})
                """.replace("$prefix", "'" + prefix + "'"));
    }

    /** Writer i pairs its unit with its area (a tie of its own program), or deletes that tie. */
    private void pair(String prefix, int i, String tie, String program, boolean create) {
        try (var session = driver.session()) {
            session.run(
                            create
                                    ? "MATCH (u:Unit {id: $u}), (a:Area {id: $a}) CREATE (u)-[:PAIRED_WITH {id: $p, program: $program}]->(a)"
                                    : "MATCH ()-[p:PAIRED_WITH {id: $p}]->() DELETE p",
                            Map.of(
                                    "u", prefix + "-u" + i + t,
                                    "a", prefix + "-a" + i + t,
                                    "p", prefix + "-p" + tie + t,
                                    "program", program))
                    .consume();
        }
    }

    /** The ties of a program in the statistics' tie groups (their detail). */
    @SuppressWarnings("unchecked")
    private static long tiesOf(String program, Map<String, Object> statistics) {
        return ((List<Map<String, Object>>) statistics.get("ties"))
                .stream()
                        .filter(g -> program.equals(g.get("detail")))
                        .mapToLong(g -> ((Number) g.get("count")).longValue())
                        .sum();
    }

    @Test
    void readersOfDatesMovedFromEachOtherReadTheirOwnWriteWhileWritersRace() throws Exception {
        var l = new StatisticsLedger(graph, version, catalogue, true, 64, true);
        unitsAndAreas("SM");
        l.statistics(AS_OF);
        var wrong = WritersAndReaders.race(
                4,
                2,
                10,
                (i, r) -> {
                    String program = "MOVE-" + i + "-" + t;
                    pair("SM", i, i + "-" + r, program, true);
                    // five dates, three kept: most asks move a date from another
                    long count = tiesOf(program, l.statistics(AS_OF.plusDays((i + r) % 5)));
                    return count == r + 1 ? null : count + " of " + (r + 1);
                },
                () -> l.statistics(AS_OF.plusDays(2)));
        assertThat(wrong).as("answers that missed the writer's own write").isEmpty();
        assertThat(l.counts().get("datesMoved")).as("dates moved").isPositive();
        for (int d = 0; d < 5; d++) {
            assertSameAsTheStatement(l, AS_OF.plusDays(d), "the race");
        }
    }

    @Test
    void writersRacingEachOtherAndReadersEachReadTheirOwnWrite() throws Exception {
        int writers = 4;
        int readers = 2;
        int rounds = 10;
        unitsAndAreas("SR");
        ledger.statistics(AS_OF);
        var wrong = WritersAndReaders.race(
                writers,
                readers,
                rounds,
                (i, r) -> {
                    String program = "RACE-" + i + "-" + t;
                    boolean pair = r % 2 == 0;
                    pair("SR", i, i + "-" + (r / 2), program, pair);
                    long count = tiesOf(program, ledger.statistics(AS_OF));
                    return count == (pair ? 1 : 0) ? null : String.valueOf(count);
                },
                () -> ledger.statistics(AS_OF));
        assertThat(wrong).as("answers that missed the writer's own write").isEmpty();
        assertSameAsTheStatement("the race");
    }
}

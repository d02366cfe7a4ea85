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
 * The whole-graph grid coverage kept per community equals what grid-coverage.cypher answers over the
 * whole graph, after every kind of change it depends on (over Bolt and through the API), while reading
 * again only the communities a change touched; and writers racing each other and readers each read
 * their own write.
 */
@IntegrationTest
class GridLedgerIT extends GraphFixture {

    private static final LocalDate AS_OF = LocalDate.of(2020, 3, 1);

    @Autowired
    GridLedger ledger;

    @Autowired
    NamedQueries queries;

    private Map<String, Object> statement() {
        var params = new HashMap<String, Object>();
        params.put("scope", null);
        params.put("asOf", AS_OF);
        return queries.row("grid-coverage", params);
    }

    private void assertSameAsTheStatement(String after) {
        assertThat(ledger.gridCoverage(AS_OF)).as("after %s", after).isEqualTo(statement());
    }

    /** A big community with two communities and a village; three grids, two with workers. */
    private void fixture() {
        cypher("""
                CREATE (big:Entity:Area {id: 'N-big' + $t, name: 'N大社区' + $t, kind: 'BIG_COMMUNITY'})
                CREATE (c1:Entity:Area {id: 'N-c1' + $t, name: 'N社区甲' + $t, kind: 'COMMUNITY'})-[:PART_OF {id: 'N-p1' + $t}]->(big)
                CREATE (c2:Entity:Area {id: 'N-c2' + $t, name: 'N社区乙' + $t, kind: 'COMMUNITY'})-[:PART_OF {id: 'N-p2' + $t}]->(big)
                CREATE (v1:Entity:Area {id: 'N-v1' + $t, name: 'N村' + $t, kind: 'VILLAGE'})-[:PART_OF {id: 'N-p3' + $t}]->(big)
                CREATE (g1:Entity:Grid {id: 'N-g1' + $t, name: 'N网格一' + $t})-[:PART_OF {id: 'N-gp1' + $t, since: date('2019-01-01')}]->(c1)
                CREATE (g2:Entity:Grid {id: 'N-g2' + $t, name: 'N网格二' + $t})-[:PART_OF {id: 'N-gp2' + $t, since: date('2019-01-01')}]->(c1)
                CREATE (g3:Entity:Grid {id: 'N-g3' + $t, name: 'N网格三' + $t})-[:PART_OF {id: 'N-gp3' + $t}]->(c2)
                CREATE (w1:Entity:Person {id: 'N-w1' + $t, name: 'N网格员一'})-[:GRID_WORKER_FOR {id: 'N-gw1' + $t, kind: 'COMMUNITY_STAFF', since: date('2019-01-01')}]->(g1)
                CREATE (w2:Entity:Person {id: 'N-w2' + $t, name: 'N网格员二'})-[:GRID_WORKER_FOR {id: 'N-gw2' + $t, kind: 'TOWN_LEADER'}]->(g1)
                CREATE (w2)-[:GRID_WORKER_FOR {id: 'N-gw3' + $t, kind: 'TWO_NEW'}]->(g3)
                """);
    }

    @Test
    void theGridsKeptPerCommunityFollowEveryChangeAndReadOnlyTheCommunitiesItTouched() {
        fixture();
        assertSameAsTheStatement("the fixture");
        long fullReads = ledger.counts().get("fullReads");
        long communitiesRead = ledger.counts().get("communitiesRead");

        var changes = new ArrayList<String>(List.of(
                // a worker on the grid that had none
                """
                MATCH (g:Grid {id: 'N-g2' + $t})
                CREATE (:Entity:Person {id: 'N-w3' + $t, name: 'N网格员三'})-[:GRID_WORKER_FOR {id: 'N-gw4' + $t, kind: 'TWO_NEW'}]->(g)
                """,
                // a worker's tie ended, another's kind changed
                "MATCH ()-[w:GRID_WORKER_FOR {id: 'N-gw1' + $t}]->() SET w.until = date('2020-01-01')",
                "MATCH ()-[w:GRID_WORKER_FOR {id: 'N-gw2' + $t}]->() SET w.kind = 'FUNCTIONAL_DEPARTMENT'",
                // a grid renamed (the order moves), a community renamed (its rows and the list without grids)
                "MATCH (g:Grid {id: 'N-g3' + $t}) SET g.name = 'N网格〇' + $t",
                "MATCH (a:Area {id: 'N-v1' + $t}) SET a.name = 'N村新' + $t",
                "MATCH (a:Area {id: 'N-c2' + $t}) SET a.name = 'N社区丙' + $t, a.code = 'N2'",
                // a grid moved to the other community
                """
                MATCH (g:Grid {id: 'N-g2' + $t})-[p:PART_OF]->(), (c2:Area {id: 'N-c2' + $t})
                DELETE p CREATE (g)-[:PART_OF {id: 'N-gp4' + $t}]->(c2)
                """,
                // a grid part of two communities: listed under each
                """
                MATCH (g:Grid {id: 'N-g3' + $t}), (c1:Area {id: 'N-c1' + $t})
                CREATE (g)-[:PART_OF {id: 'N-gp6' + $t}]->(c1)
                """,
                // a grid's part in its community ended
                "MATCH ()-[p:PART_OF {id: 'N-gp1' + $t}]->() SET p.until = date('2020-02-01')",
                // a new community without a grid, a village no longer counted
                """
                MATCH (big:Area {id: 'N-big' + $t})
                CREATE (:Entity:Area {id: 'N-c3' + $t, name: 'N居' + $t, kind: 'NEIGHBOURHOOD'})-[:PART_OF {id: 'N-p4' + $t}]->(big)
                """,
                "MATCH (a:Area {id: 'N-v1' + $t}) SET a.kind = 'BIG_COMMUNITY'",
                // a worker no longer a person, a grid's and a community's ids changed
                "MATCH (p:Person {id: 'N-w3' + $t}) REMOVE p:Person",
                "MATCH (g:Grid {id: 'N-g3' + $t}) SET g.id = 'N-g3b' + $t",
                "MATCH (a:Area {id: 'N-c1' + $t}) SET a.id = 'N-c1b' + $t",
                // a grid given to the new 居, then deleted; a worker deleted; a community deleted
                """
                MATCH (c3:Area {id: 'N-c3' + $t})
                CREATE (:Entity:Grid {id: 'N-g5' + $t, name: 'N网格五' + $t})-[:PART_OF {id: 'N-gp5' + $t}]->(c3)
                """,
                "MATCH (g:Grid {id: 'N-g5' + $t}) DETACH DELETE g",
                "MATCH (p:Person {id: 'N-w2' + $t}) DETACH DELETE p",
                "MATCH (a:Area {id: 'N-c2' + $t}) DETACH DELETE a"));
        for (String change : changes) {
            cypher(change);
            assertSameAsTheStatement(change);
        }
        // through the API as well
        api.document("mutation($id: ID!, $name: String!) { updateGrid(input: {id: $id, name: $name}) { grid { id } } }")
                .variable("id", "N-g1" + t)
                .variable("name", "N网格一改" + t)
                .execute()
                .errors()
                .verify();
        assertSameAsTheStatement("a rename through the API");

        // a change no community's grids read sends no statement
        ledger.gridCoverage(AS_OF);
        touchGraph();
        long sent = graph.sentCount();
        ledger.gridCoverage(AS_OF);
        assertThat(graph.sentCount() - sent)
                .as("statements after a change no community reads")
                .isZero();

        assertThat(ledger.counts().get("fullReads"))
                .as("every community read again")
                .isEqualTo(fullReads);
        long grids = (Long) statement().get("total");
        assertThat(ledger.counts().get("communitiesRead") - communitiesRead)
                .as("communities read again for %d changes, of the graph's %d grids", changes.size() + 1, grids)
                .isLessThan(changes.size() * 3L);
    }

    @Test
    void theWholeGraphQuestionIsAnsweredFromTheLedgerAsTheStatementAnswersIt() {
        fixture();
        ask();
        // a change to one grid: the next question reads its community again, and only that
        cypher("MATCH (g:Grid {id: 'N-g2' + $t}) SET g.name = 'N网格二改' + $t");
        long read = ledger.counts().get("communitiesRead");
        var asked = ask();
        assertThat(ledger.counts().get("communitiesRead") - read)
                .as("communities read again for the question")
                .isEqualTo(1);
        var row = statement();
        assertThat(asked.get("total")).isEqualTo(((Number) row.get("total")).intValue());
        assertThat(asked.get("withoutWorkers")).isEqualTo(((Number) row.get("withoutWorkers")).intValue());
        @SuppressWarnings("unchecked")
        var grids = (List<Map<String, Object>>) asked.get("grids");
        @SuppressWarnings("unchecked")
        var rowGrids = (List<Map<String, Map<String, Object>>>) row.get("grids");
        assertThat(grids.stream()
                        .map(g -> (Object) ((Map<?, ?>) g.get("grid")).get("name"))
                        .toList())
                .contains("N网格二改" + t)
                .isEqualTo(rowGrids.stream()
                        .map(g -> (Object) g.get("grid").get("name"))
                        .toList());
        @SuppressWarnings("unchecked")
        var without = (List<Map<String, Object>>) asked.get("communitiesWithoutGrids");
        @SuppressWarnings("unchecked")
        var rowWithout = (List<Map<String, Object>>) row.get("communitiesWithoutGrids");
        assertThat(without.stream().map(a -> (Object) a.get("id")).toList())
                .contains("N-v1" + t)
                .isEqualTo(rowWithout.stream().map(a -> a.get("id")).toList());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ask() {
        return api.document("""
                        query($d: Date) { gridCoverage(asOf: $d) { total withoutWorkers
                          grids { grid { id name } area { id } workers workersByKind { kind workers } }
                          communitiesWithoutGrids { id } } }""")
                .variable("d", AS_OF.toString())
                .execute()
                .path("gridCoverage")
                .entity(Map.class)
                .get();
    }

    @Test
    void writersRacingEachOtherAndReadersEachReadTheirOwnWrite() throws Exception {
        int writers = 4;
        int readers = 2;
        int rounds = 10;
        cypher("""
                CREATE (c:Entity:Area {id: 'NR-c' + $t, name: 'NR社区' + $t, kind: 'COMMUNITY'})
                WITH c
                UNWIND range(0, 3) AS i
                CREATE (:Entity:Grid {id: 'NR-g' + i + $t, name: 'NR网格' + i + $t})-[:PART_OF {id: 'NR-p' + i + $t}]->(c)
                CREATE (:Entity:Person {id: 'NR-w' + i + $t, name: 'NR网格员' + i})
                """);
        ledger.gridCoverage(AS_OF);
        var wrong = WritersAndReaders.race(
                writers,
                readers,
                rounds,
                (i, r) -> {
                    boolean add = WritersAndReaders.toggleTie(
                            driver,
                            r,
                            "MATCH (p:Person {id: $p}), (g:Grid {id: $g}) CREATE (p)-[:GRID_WORKER_FOR {id: $tie, kind: 'TWO_NEW'}]->(g)",
                            "MATCH ()-[w:GRID_WORKER_FOR {id: $tie}]->() DELETE w",
                            "NR-gw" + i + t,
                            Map.of("p", "NR-w" + i + t, "g", "NR-g" + i + t));
                    long workers = workersOn(ledger.gridCoverage(AS_OF), "NR-g" + i + t);
                    return workers == (add ? 1 : 0) ? null : "workers " + workers;
                },
                () -> ledger.gridCoverage(AS_OF));
        assertThat(wrong).as("answers that missed the writer's own write").isEmpty();
        assertSameAsTheStatement("the race");
    }

    @SuppressWarnings("unchecked")
    private static long workersOn(Map<String, Object> report, String gridId) {
        for (var g : (List<Map<String, Object>>) report.get("grids")) {
            if (gridId.equals(((Map<String, Object>) g.get("grid")).get("id"))) {
                return ((Number) g.get("workers")).longValue();
            }
        }
        return -1;
    }
}

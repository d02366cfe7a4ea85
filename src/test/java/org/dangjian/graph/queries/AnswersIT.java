package org.dangjian.graph.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.database.GraphVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers kept until the graph changes: served again while nothing is written, never after a write
 * (whoever wrote it), never from a transaction that rolled back, computed once for many readers, and
 * taken again in the background once writes settle.
 */
@IntegrationTest
class AnswersIT extends GraphFixture {

    @Autowired
    NamedQueries queries;

    @Autowired
    Answers answers;

    @Autowired
    GraphVersion version;

    @Autowired
    PlatformTransactionManager transactions;

    /** Two-new coverage of the whole graph, as the coverage question asks it. */
    private long total() {
        var params = new java.util.HashMap<String, Object>();
        params.put("scope", null);
        params.put("unitKinds", List.of("NON_PUBLIC_ENTERPRISE", "SOCIAL_ORGANIZATION", "PROPERTY_COMPANY"));
        params.put("groupBy", null);
        params.put("asOf", java.time.LocalDate.of(2026, 12, 1));
        params.put("first", 5);
        params.put("after", null);
        return ((Number) queries.row("coverage", params).get("total")).longValue();
    }

    private void addUnit(String suffix) {
        cypher("CREATE (:Entity:Unit {id: 'unit-A' + $t + '" + suffix + "', name: '缓存测试单位' + $t + '" + suffix
                + "', kind: 'SOCIAL_ORGANIZATION'})");
    }

    @Test
    void aWholeGraphAnswerIsKeptUntilAnyoneWrites() {
        long first = total();
        long statements = graph.sentCount();
        long hits = answers.counts().get("hits");
        assertThat(total()).isEqualTo(first);
        assertThat(graph.sentCount() - statements)
                .as("no statement for a kept answer")
                .isZero();
        assertThat(answers.counts().get("hits") - hits).isEqualTo(1);

        // A write through Bolt, past the service: the next answer sees it.
        long before = version.current();
        addUnit("1");
        assertThat(version.current()).isGreaterThan(before);
        assertThat(total()).isEqualTo(first + 1);
        cypher("MATCH (u:Unit {id: 'unit-A' + $t + '1'}) DETACH DELETE u");
        assertThat(total()).isEqualTo(first);
    }

    @Test
    void keptRowsCannotBeChangedByOneReaderForTheOthers() {
        var rows = answers.rows("RETURN {a: [1, 2]} AS m, $p AS p", Map.of("p", "x"));
        assertThat(answers.rows("RETURN {a: [1, 2]} AS m, $p AS p", Map.of("p", "x")))
                .isSameAs(rows);
        assertThatThrownBy(() -> rows.getFirst().put("p", "y")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        var inner = (Map<String, Object>) rows.getFirst().get("m");
        assertThatThrownBy(() -> ((List<Object>) inner.get("a")).add(3))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void whatAWriteTransactionSawIsNotKeptWhenItRollsBack() {
        long first = total();
        var inside = new TransactionTemplate(transactions).execute(status -> {
            graph.run(
                    "CREATE (:Entity:Unit {id: 'unit-R' + $t, name: '回滚单位' + $t, kind: 'SOCIAL_ORGANIZATION'})",
                    Map.of("t", t));
            long seen = total();
            status.setRollbackOnly();
            return seen;
        });
        assertThat(inside).as("the transaction sees its own write").isEqualTo(first + 1);
        assertThat(total()).as("and no one sees it after the rollback").isEqualTo(first);
    }

    @Test
    void manyReadersAfterAChangeRunTheStatementOnce() throws Exception {
        addUnit("2");
        int readers = 8;
        var barrier = new CyclicBarrier(readers);
        var pool = Executors.newFixedThreadPool(readers);
        long statements = graph.sentCount();
        try {
            var answers = new ArrayList<Future<Long>>();
            for (int i = 0; i < readers; i++) {
                answers.add(pool.submit(() -> {
                    barrier.await();
                    return total();
                }));
            }
            var totals = new ArrayList<Long>();
            for (var a : answers) {
                totals.add(a.get());
            }
            assertThat(totals).hasSize(readers).containsOnly(totals.getFirst());
            assertThat(graph.sentCount() - statements)
                    .as("one coverage statement for eight readers")
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
            cypher("MATCH (u:Unit {id: 'unit-A' + $t + '2'}) DETACH DELETE u");
        }
    }

    @Test
    void costlyAnswersAreTakenAgainInTheBackgroundOnceWritesSettle() throws Exception {
        // Every answer counts as costly here, and the quiet time is short.
        var kept = new Answers(
                graph, version, true, 100_000, Duration.ofMillis(100), Duration.ZERO, 8, 0, Duration.ofSeconds(30));
        String count = "MATCH (u:Unit) WHERE u.name STARTS WITH $p RETURN count(u) AS n";
        var params = Map.of("p", "缓存测试单位" + t);
        assertThat(kept.rows(count, params).getFirst().get("n")).isEqualTo(0L);
        addUnit("3");
        kept.refreshIfSettled(); // sees the version move
        Thread.sleep(150);
        kept.refreshIfSettled(); // settled: takes the answer again
        assertThat(kept.counts().get("refreshed")).isEqualTo(1);
        long statements = graph.sentCount();
        assertThat(kept.rows(count, params).getFirst().get("n")).isEqualTo(1L);
        assertThat(graph.sentCount() - statements)
                .as("the reader finds it ready")
                .isZero();
        kept.refreshIfSettled();
        assertThat(kept.counts().get("refreshed")).as("nothing new to take").isEqualTo(1);
        cypher("MATCH (u:Unit {id: 'unit-A' + $t + '3'}) DETACH DELETE u");
    }

    @Test
    void aDerivedValueIsKeptLikeRowsAndTakenAgainAfterAWrite() {
        var computed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<Integer> compute = computed::incrementAndGet;
        int first = answers.value("test-" + t, Map.of("x", 1), compute);
        assertThat(answers.value("test-" + t, Map.of("x", 1), compute)).isEqualTo(first);
        assertThat(answers.value("test-" + t, Map.of("x", 2), compute))
                .as("other parameters, another value")
                .isEqualTo(first + 1);
        addUnit("4");
        assertThat(answers.value("test-" + t, Map.of("x", 1), compute))
                .as("taken again after a write")
                .isEqualTo(first + 2);
        cypher("MATCH (u:Unit {id: 'unit-A' + $t + '4'}) DETACH DELETE u");
    }
}

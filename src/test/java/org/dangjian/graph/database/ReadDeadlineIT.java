package org.dangjian.graph.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.api.Failures;
import org.junit.jupiter.api.Test;

/**
 * A GraphQL request's reads run on the thread that answers it, each given the time left before the
 * request's deadline as its transaction timeout: the database itself stops a read past it, and the
 * client reads TIMEOUT. Without a deadline (exports, background work) a read keeps the database's own
 * ceiling.
 */
@IntegrationTest
class ReadDeadlineIT extends GraphFixture {

    private static final String LONG_READ =
            "UNWIND range(1, 30000) AS a UNWIND range(1, 30000) AS b RETURN count(*) AS n";

    @Test
    void theDatabaseStopsAReadPastTheDeadlineAndTheClientReadsTimeout() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> ReadDeadline.within(
                        Instant.now().plus(Duration.ofMillis(300)), () -> graph.rows(LONG_READ, Map.of())))
                .satisfies(e -> {
                    var answer = Failures.translate((RuntimeException) e);
                    assertThat(answer).isInstanceOf(ApiException.class);
                    assertThat(((ApiException) answer).code()).isEqualTo(ApiException.Code.TIMEOUT);
                    assertThat(answer.getMessage()).contains("party-graph.graphql.request-timeout");
                });
        double seconds = (System.nanoTime() - started) / 1e9;
        // 0.3 s, plus up to the database's check of timeouts (every 2 s); 900 million rows take far longer
        assertThat(seconds).isLessThan(6);
        assertThat(ReadDeadline.left()).isNull(); // the deadline ends with its work
    }

    @Test
    void aReadWithinItsDeadlineAnswersAsWithoutOne() {
        var within = ReadDeadline.within(
                Instant.now().plus(Duration.ofSeconds(30)),
                () -> graph.rows("UNWIND range(1, 1000) AS a RETURN sum(a) AS s", Map.of()));
        assertThat(within).containsExactly(Map.of("s", 500500L));
        assertThat(ReadDeadline.left()).isNull();
    }

    @Test
    void aDeadlineAlreadyPastLeavesTheLeastTimeoutNotNone() {
        var left = ReadDeadline.within(Instant.now().minusSeconds(5), ReadDeadline::left);
        assertThat(left).isEqualTo(Duration.ofMillis(1));
    }
}

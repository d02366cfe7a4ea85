package org.dangjian.graph.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.time.Today;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The start-up warm-up asks every question of its document of the sample graph without a failure; a
 * date whose whole graph was read ahead is kept: its questions after a change cost only the change.
 */
@IntegrationTest
class WarmupIT extends GraphFixture {

    @Autowired
    Warmup warmup;

    @Autowired
    Today today;

    @Test
    void everyOperationOfTheWarmupDocumentAnswersOnTheSample() {
        var report = warmup.warm();
        assertThat(report.failures()).isEmpty();
        assertThat(report.operations()).isGreaterThanOrEqualTo(8);
    }

    private long statementsOfTheWholeGraphOn(LocalDate date) {
        touchGraph(); // a change, so that no answer kept until the graph changes serves the question
        long sent = graph.sentCount();
        var data = api.document(Warmup.WHOLE_GRAPH)
                .operationName("WholeGraph")
                .variable("asOf", date.toString())
                .execute();
        data.errors().verify();
        assertThat(data.path("statistics.nodeTotal").entity(Long.class).get()).isPositive();
        return graph.sentCount() - sent;
    }

    @Test
    void aDateReadAheadIsKeptAndItsWholeGraphQuestionsCostOnlyTheChangesSince() {
        // tomorrow as the read-ahead asks it, and a date it did not read
        var tomorrow = today.date().plusDays(1);
        assertThat(warmup.readWholeGraph(tomorrow)).isTrue();
        long readAhead = statementsOfTheWholeGraphOn(tomorrow);
        long notReadAhead = statementsOfTheWholeGraphOn(tomorrow.plusDays(40));
        assertThat(readAhead)
                .as(
                        "statements on a date read ahead (%d on a date not read ahead): at most one per question"
                                + " (the pages, the change's catch-up), none reading the whole graph",
                        notReadAhead)
                .isLessThanOrEqualTo(3)
                .isLessThan(notReadAhead / 2);
    }
}

package org.dangjian.graph.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.dangjian.graph.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The start-up warm-up asks every question of its document of the sample graph without a failure. */
@IntegrationTest
class WarmupIT {

    @Autowired
    Warmup warmup;

    @Test
    void everyOperationOfTheWarmupDocumentAnswersOnTheSample() {
        var report = warmup.warm();
        assertThat(report.failures()).isEmpty();
        assertThat(report.operations()).isGreaterThanOrEqualTo(8);
    }
}

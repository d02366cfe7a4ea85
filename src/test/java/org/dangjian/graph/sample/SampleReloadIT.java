package org.dangjian.graph.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class SampleReloadIT {

    @Autowired
    SampleData sample;

    @Autowired
    Driver driver;

    @Test
    void theSampleIsLoadedIntoTheEmptyDatabaseAndLoadingItAgainChangesNothing() {
        assertThat(sample.isEmpty()).isFalse();
        var before = GraphApi.fingerprint(driver);
        var report = sample.generate(SampleGenerator.Scale.SAMPLE, 2020, BatchWriter.Mode.MERGE, 5_000, null);
        assertThat(report.nodes()).isPositive();
        assertThat(GraphApi.fingerprint(driver)).isEqualTo(before);
    }
}

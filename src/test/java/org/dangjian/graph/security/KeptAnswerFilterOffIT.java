package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * With no answers kept (as with a Neo4j server, or {@code party-graph.responses.enabled=false}), every
 * request passes {@link KeptAnswerFilter} to the dispatcher and is computed each time.
 */
@IntegrationTest
@TestPropertySource(properties = "party-graph.responses.enabled=false")
class KeptAnswerFilterOffIT {

    @Autowired
    KeptResponses kept;

    @LocalServerPort
    int port;

    @Test
    void withNothingKeptEveryRequestIsComputed() throws Exception {
        assertThat(kept.enabled()).isFalse();
        String query = "{ areas(first: 2) { totalCount edges { node { id } } } }";
        var first = GraphApi.post(port, GraphApi.basic("viewer"), query, Map.of());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"totalCount\"");
        for (int i = 0; i < 3; i++) {
            var again = GraphApi.post(port, GraphApi.basic("viewer"), query, Map.of());
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
        }
        assertThat(kept.counts())
                .containsEntry("early", 0L)
                .containsEntry("hit", 0L)
                .containsEntry("kept", 0L);
    }
}

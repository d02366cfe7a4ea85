package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

/**
 * The request time limit, set absurdly low (1 ms) in a service of its own: a mutation past it is
 * rolled back and recorded as failed, and a long read is answered TIMEOUT without waiting for it.
 */
@IntegrationTest
@TestPropertySource(properties = {"party-graph.graphql.request-timeout=1ms", "party-graph.sample.load-on-empty=false"})
class RequestTimeoutIT {

    @Autowired
    HttpGraphQlTester graphQl;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Autowired
    org.dangjian.graph.audit.AuditTrail trail;

    @Test
    void aMutationPastTheDeadlineIsRolledBackAndRecorded() {
        String name = "超时" + System.nanoTime();
        GraphApi.as(graphQl, "editor")
                .document("mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }")
                .variable("input", Map.of("name", name))
                .execute()
                .errors()
                .expect(e -> "TIMEOUT".equals(e.getExtensions().get("code")))
                .verify();
        assertThat(GraphApi.count(driver, "MATCH (p:Person {name: $name}) RETURN count(p) AS n", Map.of("name", name)))
                .isZero();
        // the trail seals its arguments in the store: read it through the trail itself
        var recorded = trail.page(Map.of("user", "editor", "operation", "createPerson"), 20, null).nodes().stream()
                .filter(e -> String.valueOf(e.arguments()).contains(name))
                .toList();
        assertThat(recorded).hasSize(1);
        assertThat(recorded.getFirst().success()).isFalse();
        assertThat(recorded.getFirst().errorCode()).isEqualTo("TIMEOUT");
    }

    @Test
    void aLongReadIsAnsweredTimeoutWithoutWaitingForIt() {
        long started = System.nanoTime();
        GraphApi.patient(graphQl)
                .document("{ cypher(query: \"UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b"
                        + " RETURN count(*) AS n\") { rows } }")
                .execute()
                .errors()
                .expect(e -> "TIMEOUT".equals(e.getExtensions().get("code")))
                .verify();
        double seconds = (System.nanoTime() - started) / 1e9;
        // 1 ms plus the 2 s granted to a mutation's own check, well before the console's 10 s limit.
        assertThat(seconds).isLessThan(8);
    }

    /** GET /graphql waits for its answer on the servlet thread as POST does: no longer than the limit. */
    @Test
    void aLongReadOverGetIsAnsweredTimeoutWithoutWaitingForIt() throws Exception {
        var query = java.net.URLEncoder.encode(
                "{ cypher(query: \"UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b RETURN count(*) AS n\") { rows } }",
                java.nio.charset.StandardCharsets.UTF_8);
        long started = System.nanoTime();
        var answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port + "/graphql?query=" + query))
                                .header("Authorization", GraphApi.basic("admin"))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(answer.body()).contains("\"TIMEOUT\"").doesNotContain("\"rows\"");
        assertThat(seconds).isLessThan(8);
    }
}

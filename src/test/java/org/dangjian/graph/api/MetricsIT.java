package org.dangjian.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/prometheus}: what operators scrape, after real requests: per operation and root
 * field latency histograms, errors by code, the audited console statement, Neo4j's page cache and
 * transactions, the JVM; for administrators only.
 */
@IntegrationTest
class MetricsIT {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void operatorsScrapeRequestsFieldsErrorsConsoleAndNeo4j() throws Exception {
        var ok = GraphApi.post(
                port,
                GraphApi.basic("viewer"),
                "query MetricsProbe { partyOrganizations(first: 1) { totalCount } }",
                Map.of());
        assertThat(ok.body()).doesNotContain("errors");
        var refused = GraphApi.post(
                port,
                GraphApi.basic("viewer"),
                "query MetricsRefused { partyOrganizations(first: -1) { totalCount } }",
                Map.of());
        assertThat(refused.body()).contains("VALIDATION");
        var console = GraphApi.post(
                port, GraphApi.basic("admin"), "{ cypher(query: \"RETURN 1 AS one\") { columns } }", Map.of());
        assertThat(console.body()).doesNotContain("errors");

        var scrape = get("admin", "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        String text = scrape.body();
        assertThat(line(
                        text,
                        "party_graph_graphql_requests_seconds_count\\{.*operation=\"MetricsProbe\".*outcome=\"OK\".*"))
                .isGreaterThanOrEqualTo(1);
        assertThat(
                        line(
                                text,
                                "party_graph_graphql_requests_seconds_count\\{.*operation=\"MetricsRefused\".*outcome=\"VALIDATION\".*"))
                .isGreaterThanOrEqualTo(1);
        assertThat(text)
                .containsPattern("party_graph_graphql_fields_seconds_bucket\\{.*field=\"partyOrganizations\".*le=");
        assertThat(line(
                        text,
                        "party_graph_graphql_errors_total\\{.*code=\"VALIDATION\".*field=\"partyOrganizations\".*"))
                .isGreaterThanOrEqualTo(1);
        assertThat(line(text, "party_graph_audited_total\\{.*kind=\"CONSOLE\".*outcome=\"OK\".*"))
                .isGreaterThanOrEqualTo(1);
        assertThat(line(text, "neo4j_page_cache_hit_ratio\\{.*")).isBetween(0.0, 1.0);
        assertThat(line(text, "neo4j_page_cache_hits_total\\{.*")).isGreaterThan(0);
        assertThat(line(text, "neo4j_transactions_committed_total\\{.*kind=\"write\".*"))
                .isGreaterThan(0);
        assertThat(text).contains("jvm_memory_used_bytes");
        // the kept answers: the probe's page was computed at least once
        assertThat(line(text, "party_graph_answers_total\\{.*outcome=\"miss\".*"))
                .isGreaterThan(0);
        assertThat(text).containsPattern("party_graph_answers_total\\{.*outcome=\"carried\"");
        assertThat(text).containsPattern("party_graph_answers_total\\{.*outcome=\"renewed\"");

        // Every metric the Grafana dashboard (ops/grafana) reads is published.
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("ops/grafana/party-graph.json"));
        var names = Pattern.compile("\\b((?:party_graph|neo4j|jvm|http_server)_[a-z_]+)\\{")
                .matcher(dashboard);
        int read = 0;
        while (names.find()) {
            read++;
            assertThat(text).as("the dashboard reads " + names.group(1)).contains(names.group(1));
        }
        assertThat(read).isGreaterThanOrEqualTo(10);

        for (String user : new String[] {"viewer", "editor", "analyst"}) {
            assertThat(get(user, "/actuator/prometheus").statusCode()).as(user).isEqualTo(403);
        }
    }

    /**
     * Each request is counted once and only root fields are timed: the metrics are one member of the
     * service's one instrumentation (api.QueryLimits), which passes them no field below the root.
     */
    @Test
    void eachRequestCountsOnceAndOnlyRootFieldsAreTimed() throws Exception {
        for (int i = 0; i < 3; i++) {
            var ok = GraphApi.post(
                    port,
                    GraphApi.basic("viewer"),
                    "query CountedOnce { partyOrganizations(first: 2) { totalCount nodes { id name } } }",
                    Map.of());
            assertThat(ok.body()).doesNotContain("errors");
        }
        String text = get("admin", "/actuator/prometheus").body();
        assertThat(line(
                        text,
                        "party_graph_graphql_requests_seconds_count\\{.*operation=\"CountedOnce\".*outcome=\"OK\".*"))
                .isEqualTo(3.0);
        // asked again, the same document is served whole (security.KeptResponses) and still counted
        assertThat(line(text, "party_graph_responses_total\\{.*outcome=\"hit\".*"))
                .isGreaterThanOrEqualTo(2);
        assertThat(text).containsPattern("party_graph_graphql_fields_seconds_count\\{.*field=\"partyOrganizations\".*");
        for (String nested : new String[] {"totalCount", "nodes", "name"}) {
            assertThat(text)
                    .doesNotContainPattern("party_graph_graphql_fields_seconds_count\\{.*field=\"" + nested + "\".*");
        }
        // Spring for GraphQL's own observations are left out (application.properties)
        assertThat(text).doesNotContain("graphql_request_seconds").doesNotContain("graphql_datafetcher");
    }

    /** The value of the first sample whose line matches. */
    private static double line(String text, String pattern) {
        var matcher = Pattern.compile("^(" + pattern + ") ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE)
                .matcher(text);
        assertThat(matcher.find())
                .as("a line matching " + pattern + " among\n"
                        + text.lines()
                                .filter(l -> l.startsWith("party_graph") || l.startsWith("neo4j"))
                                .filter(l -> !l.contains("_bucket"))
                                .collect(java.util.stream.Collectors.joining("\n")))
                .isTrue();
        return Double.parseDouble(matcher.group(2));
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", GraphApi.basic(user))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package org.dangjian.graph.entity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.json.JsonMapper;

/** Small helpers for tests that drive the public GraphQL API and look at the graph through the driver. */
public final class GraphApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GraphApi() {}

    /** The tester as the administrator, with a response timeout that tolerates a cold database. */
    public static HttpGraphQlTester patient(HttpGraphQlTester tester) {
        return as(tester, "admin");
    }

    /** The tester as the test user of that name (see IntegrationTest), with a patient timeout. */
    public static HttpGraphQlTester as(HttpGraphQlTester tester, String user) {
        return tester.mutate()
                .webTestClient(client -> client.responseTimeout(Duration.ofSeconds(60)))
                .responseTimeout(Duration.ofSeconds(60))
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .build();
    }

    /** The Basic authorization header of a test user. */
    public static String basic(String user) {
        return basic(user, user + "-test");
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs a mutation or query that must succeed and returns the value at the path. */
    public static <T> T ok(GraphQlTester tester, String document, String path, Class<T> type) {
        return tester.document(document)
                .execute()
                .errors()
                .verify()
                .path(path)
                .entity(type)
                .get();
    }

    /** POSTs a GraphQL request (query and variables) as JSON, with an Authorization header if given. */
    public static HttpResponse<String> post(int port, String authorization, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("query", query, "variables", variables))));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a statement returning one count, named {@code n}, straight on the database. */
    public static long count(Driver driver, String cypher, Map<String, Object> parameters) {
        try (var session = driver.session()) {
            return session.run(cypher, parameters).single().get("n").asLong();
        }
    }

    /**
     * A fingerprint of the whole graph: counts of nodes, ties, ended ties and properties. The audit
     * trail is left out: a refused request is recorded there, and that is all it may leave behind.
     */
    public static Map<String, Object> fingerprint(Driver driver) {
        try (var session = driver.session()) {
            return session.run("""
                    CALL () { MATCH (n) WHERE NOT n:AuditEvent RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeProps }
                    CALL () { MATCH ()-[r]->() RETURN count(r) AS ties, count(r.until) AS ended, sum(size(keys(r))) AS tieProps }
                    RETURN nodes, nodeProps, ties, ended, tieProps""").single().asMap();
        }
    }
}

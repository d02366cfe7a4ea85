package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Kept answers served at the end of the filters ({@link KeptAnswerFilter}): the same status, headers and
 * bytes as the answer the dispatcher wrote when it computed it, for the types a client may accept; a
 * request of any other shape goes to the dispatcher and is answered there as before; nothing is served
 * to a caller it was not computed for, nor after a commit; and the request is still timed and counted.
 */
@IntegrationTest
class KeptAnswerFilterIT extends GraphFixture {

    private static final String CITY = KeptResponsesIT.CITY;
    private static final String DONGFENG = JurisdictionIT.DONGFENG;

    @Autowired
    KeptResponses kept;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void settled() {
        awaitBackgroundReads();
    }

    private HttpResponse<String> post(String authorization, String contentType, List<String> accept, String body)
            throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", contentType)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (String a : accept) {
            builder.header("Accept", a);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> asViewer(List<String> accept, String body) throws Exception {
        return post(GraphApi.basic("viewer"), "application/json", accept, body);
    }

    private long count(String outcome) {
        return kept.counts().get(outcome);
    }

    /** Status, headers but the date, and body: what a client can tell apart. */
    private static Map<String, Object> seen(HttpResponse<String> response) {
        var headers = new TreeMap<String, Object>(response.headers().map());
        headers.remove("date");
        return Map.of("status", response.statusCode(), "headers", headers, "body", response.body());
    }

    private static String body(String query, Map<String, Object> variables, String operationName) {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("query", query);
        if (variables != null) {
            map.put("variables", variables);
        }
        if (operationName != null) {
            map.put("operationName", operationName);
        }
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(map);
    }

    @Test
    void aKeptAnswerIsServedEarlyAsTheDispatcherWroteIt() throws Exception {
        String id = createOrganization("早答支部" + t);
        // { __typename } reads nothing of the graph and outlives commits: a document of its own per round
        int[] round = {0};
        var bodies = List.<java.util.concurrent.Callable<String>>of(
                () -> body("query Typename" + t + "x" + round[0]++ + " { __typename }", null, null),
                () -> body("query($id: ID!) { partyOrganization(id: $id) { id name kind } }", Map.of("id", id), null),
                () -> body(
                        "query Named($id: ID!) { partyOrganization(id: $id) { name posts { role } subordinates { organization { id name } } } }",
                        Map.of("id", CITY),
                        "Named"),
                () -> body("{ areas(first: 3) { totalCount edges { node { id name } } } }", null, null));
        var accepts = List.of(
                List.<String>of(),
                List.of("*/*"),
                List.of("application/json"),
                List.of("application/graphql-response+json"),
                List.of("application/graphql-response+json, application/json"));
        for (var bodyOfRound : bodies) {
            for (var accept : accepts) {
                String body = bodyOfRound.call();
                touchGraph(); // a commit: nothing that read the graph kept
                long early = count("early");
                var computed = asViewer(accept, body);
                assertThat(computed.statusCode()).as(body).isEqualTo(200);
                assertThat(computed.body()).doesNotContain("errors");
                assertThat(count("early") - early)
                        .as("computed first: %s %s", body, accept)
                        .isZero();
                var served = asViewer(accept, body);
                assertThat(count("early") - early)
                        .as("served early: %s %s", body, accept)
                        .isEqualTo(1);
                assertThat(seen(served)).as("%s %s", body, accept).isEqualTo(seen(computed));
            }
        }
        // the content type as the dispatcher negotiates it
        String typename = bodies.get(0).call();
        var graphQlResponse = asViewer(List.of("application/graphql-response+json, application/json"), typename);
        assertThat(graphQlResponse.headers().firstValue("Content-Type")).hasValue("application/graphql-response+json");
        assertThat(asViewer(List.of("*/*"), typename).headers().firstValue("Content-Type"))
                .hasValue("application/json");
    }

    @Test
    void anyOtherRequestGoesToTheDispatcherAndIsAnsweredAsBefore() throws Exception {
        String query = "{ partyOrganization(id: \"" + CITY + "\") { name } }";
        String plain = body(query, null, null);
        var first = asViewer(List.of(), plain);
        assertThat(first.statusCode()).isEqualTo(200);
        long early = count("early");
        long hits = count("hit");
        // kept, but not a plain request: served whole by the dispatcher's way (hit, not early)
        var others = List.of(
                post(GraphApi.basic("viewer"), "application/json", List.of("text/plain, application/json"), plain),
                post(GraphApi.basic("viewer"), "application/json", List.of("application/json;q=0.9"), plain),
                post(GraphApi.basic("viewer"), "application/json; charset=UTF-8; x=y", List.of(), plain),
                post(
                        GraphApi.basic("viewer"),
                        "application/json",
                        List.of(),
                        plain.substring(0, plain.length() - 1) + ",\"other\":1}"));
        for (var other : others) {
            assertThat(other.statusCode())
                    .as(other.request().headers().map().toString())
                    .isEqualTo(200);
            assertThat(other.body()).isEqualTo(first.body());
        }
        assertThat(count("early") - early).as("none served early").isZero();
        assertThat(count("hit") - hits).as("served whole by the interceptor").isEqualTo(others.size());

        // a body over 64 KiB (a comment in the document) is not looked at: served whole by the dispatcher
        String large = body("# " + "注".repeat(24 * 1024) + "\n" + query, null, null);
        assertThat(large.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isGreaterThan(64 * 1024);
        var largeFirst = asViewer(List.of(), large);
        assertThat(largeFirst.body()).isEqualTo(first.body());
        hits = count("hit");
        assertThat(asViewer(List.of(), large).body()).isEqualTo(first.body());
        assertThat(count("hit") - hits).as("kept").isEqualTo(1);
        assertThat(count("early") - early).as("not served early").isZero();

        // refusals as the dispatcher gives them
        assertThat(post(GraphApi.basic("viewer"), "text/plain", List.of(), plain)
                        .statusCode())
                .isEqualTo(415);
        assertThat(post(GraphApi.basic("viewer"), "application/json", List.of(), "{\"query\": ")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(GraphApi.basic("viewer"), "application/json", List.of(), "{}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(GraphApi.basic("viewer"), "application/json", List.of(), "[1]")
                        .statusCode())
                .isEqualTo(400);
        assertThat(count("early") - early).isZero();
        // and nobody: refused before it, never served
        var anonymous = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(plain))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("\"name\"");
        assertThat(count("early") - early).isZero();
    }

    @Test
    void nothingIsServedEarlyToAnotherCallerOrAfterACommit() throws Exception {
        String id = createOrganization("早答隔离" + t);
        String plain = body("query($id: ID!) { partyOrganization(id: $id) { name } }", Map.of("id", id), null);
        assertThat(asViewer(List.of(), plain).body()).contains("早答隔离" + t);
        long early = count("early");
        assertThat(asViewer(List.of(), plain).body()).contains("早答隔离" + t);
        assertThat(count("early") - early).isEqualTo(1);

        // the same name and role with a jurisdiction outside which the city committee lies: its own answer
        String city = body("query($id: ID!) { partyOrganization(id: $id) { name } }", Map.of("id", CITY), null);
        var whole = asViewer(List.of(), city);
        assertThat(whole.body()).contains("\"name\"");
        assertThat(asViewer(List.of(), city).body()).isEqualTo(whole.body());
        early = count("early");
        String limited = "Bearer " + TestTokens.limited("viewer", List.of(DONGFENG), "viewer");
        var outside = post(limited, "application/json", List.of(), city);
        assertThat(outside.body()).isEqualTo("{\"data\":{\"partyOrganization\":null}}");
        assertThat(count("early") - early)
                .as("the viewer's answer not served to the limited viewer")
                .isZero();
        assertThat(post(limited, "application/json", List.of(), city).body()).isEqualTo(outside.body());
        assertThat(count("early") - early).as("its own answer, served early").isEqualTo(1);
        // a user with that jurisdiction by configuration, and another role
        assertThat(post(GraphApi.basic("dongfeng"), "application/json", List.of(), city)
                        .body())
                .isEqualTo(outside.body());
        assertThat(post(GraphApi.basic("admin"), "application/json", List.of(), plain)
                        .body())
                .contains("早答隔离" + t);
        assertThat(asViewer(List.of(), city).body()).isEqualTo(whole.body());

        // a commit, over Bolt, past the service: the next request is computed and sees it
        cypher("MATCH (o:PartyOrganization {name: '早答隔离' + $t}) SET o.name = '早答改名' + $t");
        early = count("early");
        assertThat(asViewer(List.of(), plain).body()).contains("早答改名" + t);
        assertThat(count("early") - early).as("computed after the commit").isZero();
        assertThat(asViewer(List.of(), plain).body()).contains("早答改名" + t);
        assertThat(count("early") - early).isEqualTo(1);
    }

    @Test
    void anAnswerServedEarlyIsTimedAndCountedAsAnyRequest() throws Exception {
        String plain = body("{ areas(first: 1) { totalCount } }", null, null);
        asViewer(List.of(), plain);
        Thread.sleep(200); // the first request's observation recorded
        double graphql = meters.find("party_graph.graphql.requests").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count)
                .sum();
        double http = httpRequests();
        long early = count("early");
        asViewer(List.of(), plain);
        assertThat(count("early") - early).isEqualTo(1);
        assertThat(meters.find("party_graph.graphql.requests").timers().stream()
                        .mapToLong(io.micrometer.core.instrument.Timer::count)
                        .sum())
                .as("the GraphQL request timer")
                .isEqualTo((long) graphql + 1);
        // the observation ends after the response is sent: wait for it to be recorded
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (httpRequests() < http + 1 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(httpRequests()).as("http.server.requests under /graphql").isEqualTo(http + 1);
    }

    private double httpRequests() {
        var timer = meters.find("http.server.requests")
                .tag("uri", "/graphql")
                .tag("method", "POST")
                .tag("status", "200")
                .timer();
        return timer == null ? 0 : timer.count();
    }
}

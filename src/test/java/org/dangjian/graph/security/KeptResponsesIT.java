package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.Races;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole answers kept until the graph changes ({@link KeptResponses}), over HTTP as clients send them:
 * asked again, an answer is served without an execution (no statement, the request still timed); any
 * commit, through the API or past it over Bolt, has the next request computed again, and a read that
 * starts after a write has returned sees it however many readers race the writer; an answer reaches
 * only the caller it was computed for (the same name with another jurisdiction gets its own); personal
 * values, the console, mutations and errors are never kept.
 */
@IntegrationTest
class KeptResponsesIT extends GraphFixture {

    private static final String LOOKUP = "query($id: ID!) { partyOrganization(id: $id) { name kind } }";

    /** The city committee of the sample, outside 东风大社区. */
    static final String CITY = "org-c000-0000001";

    private static final String DONGFENG = "area-c000-0000003";

    @Autowired
    KeptResponses kept;

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.dangjian.graph.TestClock clock;

    @Autowired
    org.dangjian.graph.time.Today today;

    @Autowired
    org.springframework.graphql.execution.GraphQlSource source;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void settled() {
        awaitBackgroundReads();
    }

    /** The body of a POST to /graphql with this Authorization. */
    private String post(String authorization, String query, Map<String, Object> variables) throws Exception {
        var response = GraphApi.post(port, authorization, query, variables);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private String asViewer(String query, Map<String, Object> variables) throws Exception {
        return post(GraphApi.basic("viewer"), query, variables);
    }

    private long count(String outcome) {
        return kept.counts().get(outcome);
    }

    private long timedRequests() {
        var timers = meters.find("party_graph.graphql.requests").timers();
        return timers.stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count)
                .sum();
    }

    @Test
    void everyRootFieldNeverKeptIsAQueryOfTheSchema() {
        var query = source.schema().getQueryType();
        assertThat(KeptResponses.NOT_KEPT)
                .allSatisfy(field ->
                        assertThat(query.getFieldDefinition(field)).as(field).isNotNull());
    }

    @Test
    void anAnswerAboutTodayIsComputedAgainOnceTheDateMoves() throws Exception {
        String question = "{ coverage { asOf total } }";
        var date = today.date();
        String first = asViewer(question, Map.of());
        assertThat(first).contains("\"asOf\":\"" + date + "\"");
        long hits = count("hit");
        assertThat(asViewer(question, Map.of())).isEqualTo(first);
        assertThat(count("hit") - hits).as("served whole on the same day").isEqualTo(1);
        try {
            // past midnight, the graph unchanged: the same request is about another day
            clock.move(java.time.Duration.ofDays(1));
            hits = count("hit");
            String next = asViewer(question, Map.of());
            assertThat(count("hit") - hits).as("served whole the next day").isZero();
            assertThat(next).contains("\"asOf\":\"" + date.plusDays(1) + "\"");
            // and kept for that day in turn
            assertThat(asViewer(question, Map.of())).isEqualTo(next);
            assertThat(count("hit") - hits)
                    .as("served whole, asked again the next day")
                    .isEqualTo(1);
        } finally {
            clock.reset();
        }
        assertThat(asViewer(question, Map.of())).as("back on the first day").isEqualTo(first);
    }

    @Test
    void anAnswerAskedAgainIsServedWholeUntilAnyCommit() throws Exception {
        String id = createOrganization("整存支部" + t);
        var variables = Map.<String, Object>of("id", id);
        String first = asViewer(LOOKUP, variables);
        assertThat(first).contains("整存支部" + t);

        long hits = count("hit");
        long sent = graph.sentCount();
        long timed = timedRequests();
        assertThat(asViewer(LOOKUP, variables)).isEqualTo(first);
        assertThat(count("hit") - hits).as("served whole").isEqualTo(1);
        assertThat(graph.sentCount() - sent).as("statements").isZero();
        assertThat(timedRequests() - timed).as("the request still timed").isEqualTo(1);

        // a commit that touched nothing the answer shows: computed again all the same
        touchGraph();
        hits = count("hit");
        long computed = count("kept");
        assertThat(asViewer(LOOKUP, variables)).isEqualTo(first);
        assertThat(count("hit") - hits).as("after a commit").isZero();
        assertThat(count("kept") - computed).as("computed and kept again").isEqualTo(1);

        // written past the service, over Bolt: seen at once
        cypher("MATCH (o:PartyOrganization {name: '整存支部' + $t}) SET o.name = 'Bolt整存' + $t");
        assertThat(asViewer(LOOKUP, variables)).contains("Bolt整存" + t);
        // through the API: the writer's next read, and another caller's, see it
        renameOrganization(id, "改名整存" + t);
        assertThat(asViewer(LOOKUP, variables)).contains("改名整存" + t);
        assertThat(post(GraphApi.basic("admin"), LOOKUP, variables)).contains("改名整存" + t);

        // the same question over GET is kept too, and seen changed like the POST
        var get = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                                        + "/graphql?query="
                                        + java.net.URLEncoder.encode(
                                                "{ partyOrganization(id: \"" + id + "\") { name } }",
                                                java.nio.charset.StandardCharsets.UTF_8)))
                                .header("Authorization", GraphApi.basic("viewer"))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(get.body()).contains("改名整存" + t);
        hits = count("hit");
        var again = java.net.http.HttpClient.newHttpClient()
                .send(get.request(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(again.body()).isEqualTo(get.body());
        assertThat(count("hit") - hits).as("GET served whole").isEqualTo(1);

        // other variables, another operation name: answers of their own
        String other = asViewer(LOOKUP, Map.of("id", CITY));
        assertThat(other).doesNotContain("改名整存");
        assertThat(asViewer("query Named($id: ID!) { partyOrganization(id: $id) { name kind } }", variables))
                .contains("改名整存" + t);
    }

    @Test
    void anAnswerThatReadNothingOfTheGraphOutlivesCommits() throws Exception {
        String id = createOrganization("无图支部" + t);
        String typename = "query Typename" + t + " { __typename }";
        String schema = "query Schema" + t + " { __schema { queryType { name } } }";
        // __typename beside a root field: that answer read the graph
        String mixed = "query($id: ID!) { __typename partyOrganization(id: $id) { name } }";
        var variables = Map.<String, Object>of("id", id);
        String typenameAnswer = asViewer(typename, Map.of());
        assertThat(typenameAnswer).isEqualTo("{\"data\":{\"__typename\":\"Query\"}}");
        String schemaAnswer = asViewer(schema, Map.of());
        assertThat(schemaAnswer).contains("\"queryType\":{\"name\":\"Query\"}");
        assertThat(asViewer(mixed, variables)).contains("无图支部" + t);

        // a commit through the API, then one past the service over Bolt
        renameOrganization(id, "无图改名" + t);
        cypher("MATCH (o:PartyOrganization {name: '无图改名' + $t}) SET o.name = 'Bolt无图' + $t");
        long hits = count("hit");
        long computed = count("kept");
        assertThat(asViewer(typename, Map.of())).isEqualTo(typenameAnswer);
        assertThat(asViewer(schema, Map.of())).isEqualTo(schemaAnswer);
        assertThat(count("hit") - hits).as("served whole after the commits").isEqualTo(2);
        assertThat(count("kept") - computed).as("computed again").isZero();

        // the answer that asked a root field is computed again, and shows the change
        hits = count("hit");
        assertThat(asViewer(mixed, variables)).contains("Bolt无图" + t);
        assertThat(count("hit") - hits).as("the answer that read the graph").isZero();
        // and to another caller, the versionless answer is not served: its own is computed
        computed = count("kept");
        assertThat(post(GraphApi.basic("admin"), typename, Map.of())).isEqualTo(typenameAnswer);
        assertThat(count("kept") - computed).as("the admin's own").isEqualTo(1);
    }

    @Test
    void anAnswerReachesOnlyTheCallerItWasComputedFor() throws Exception {
        String query = "{ partyOrganization(id: \"" + CITY + "\") { name } }";
        String whole = asViewer(query, Map.of());
        assertThat(whole).contains("\"name\"");
        long hits = count("hit");
        assertThat(asViewer(query, Map.of())).isEqualTo(whole);
        assertThat(count("hit") - hits).isEqualTo(1);

        // the same name, the same role, a token with a jurisdiction: outside it, as if nothing had that id
        String limited = "Bearer " + TestTokens.limited("viewer", List.of(DONGFENG), "viewer");
        assertThat(post(limited, query, Map.of())).isEqualTo("{\"data\":{\"partyOrganization\":null}}");
        assertThat(post(limited, query, Map.of())).isEqualTo("{\"data\":{\"partyOrganization\":null}}");
        // a user with that jurisdiction by configuration
        assertThat(post(GraphApi.basic("dongfeng"), query, Map.of()))
                .isEqualTo("{\"data\":{\"partyOrganization\":null}}");
        // and the whole graph's viewer still gets the whole answer
        assertThat(asViewer(query, Map.of())).isEqualTo(whole);
        // nobody: refused, not served
        var anonymous = GraphApi.post(port, null, query, Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("\"name\"");
    }

    @Test
    void personalValuesAreNeverKeptOpenNorMasked() throws Exception {
        String personId = GraphApi.ok(
                GraphApi.as(graphQl, "editor"),
                "mutation { createPerson(input: {name: \"整存人" + t + "\", phone: \"13812345678\"}) { person { id } } }",
                "createPerson.person.id",
                String.class);
        String query = "{ person(id: \"" + personId + "\") { name phone } }";
        long notKept = count("not_kept");
        long hits = count("hit");
        for (int i = 0; i < 2; i++) {
            assertThat(post(GraphApi.basic("admin"), query, Map.of())).contains("13812345678");
            assertThat(asViewer(query, Map.of())).contains("138****5678").doesNotContain("13812345678");
        }
        assertThat(count("hit") - hits).as("served whole").isZero();
        assertThat(count("not_kept") - notKept).as("computed, not kept").isEqualTo(4);

        // the same person without a personal field is kept
        String name = "{ person(id: \"" + personId + "\") { name } }";
        asViewer(name, Map.of());
        asViewer(name, Map.of());
        assertThat(count("hit") - hits).isEqualTo(1);
    }

    @Test
    void theConsoleMutationsAndErrorsAreNeverServedWhole() throws Exception {
        String console = "{ cypher(query: \"MATCH (a:Area) RETURN count(a) AS n\") { rows } }";
        long events = GraphApi.count(driver, "MATCH (a:AuditEvent) RETURN count(a) AS n", Map.of());
        long hits = count("hit");
        long notKept = count("not_kept");
        for (int i = 0; i < 3; i++) {
            assertThat(post(GraphApi.basic("analyst"), console, Map.of())).contains("rows");
        }
        assertThat(count("not_kept") - notKept)
                .as("console queries marked not to keep")
                .isEqualTo(3);
        assertThat(GraphApi.count(driver, "MATCH (a:AuditEvent) RETURN count(a) AS n", Map.of()) - events)
                .as("each console query recorded")
                .isEqualTo(3);

        // refused: the viewer may not use the console; the refusal is computed each time
        for (int i = 0; i < 2; i++) {
            assertThat(asViewer(console, Map.of())).contains("FORBIDDEN");
        }
        assertThat(count("not_kept") - notKept).as("refusals marked too").isEqualTo(5);
        // a mutation that changes nothing the answer shows is not an answer to keep either
        String mutation = "mutation { updatePartyOrganization(input: {id: \"nope-" + t
                + "\", name: \"x\"}) { partyOrganization { id } } }";
        for (int i = 0; i < 2; i++) {
            assertThat(post(GraphApi.basic("editor"), mutation, Map.of())).contains("errors");
        }
        assertThat(count("not_kept") - notKept).as("mutations marked too").isEqualTo(7);
        assertThat(count("hit") - hits).isZero();
    }

    /**
     * Readers race a writer through a barrier, each reading 15 times, while the answer they ask is
     * kept whole: none that started after the write returned sees the old name.
     */
    @Test
    void noReadStartedAfterAWriteReturnedIsServedTheAnswerBeforeIt() throws Exception {
        String id = createOrganization("竞整支部" + t);
        var variables = Map.<String, Object>of("id", id);
        for (int round = 0; round < 6; round++) {
            String after = "竞整支部" + t + "-" + round;
            asViewer(LOOKUP, variables);
            asViewer(LOOKUP, variables); // kept whole before the race
            assertThat(Races.staleReads(
                            5,
                            () -> asViewer(LOOKUP, variables),
                            body -> body.contains(after),
                            () -> renameOrganization(id, after),
                            null))
                    .as("answers read after the write had returned")
                    .isEmpty();
        }
        assertThat(count("hit")).isPositive();
    }
}

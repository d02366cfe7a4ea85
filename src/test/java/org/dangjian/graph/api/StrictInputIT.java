package org.dangjian.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Input is taken as meant or refused with a code, and a refusal changes nothing: each row of the
 * table is sent as raw JSON (so that escapes reach the service as a client would send them), and the
 * graph's fingerprint is the same afterwards.
 */
@IntegrationTest
class StrictInputIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String CREATE =
            "mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }";

    @Autowired
    Driver driver;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    /** Rows: what is wrong, the input object as raw JSON text, the code expected. */
    static Stream<Arguments> refusedPersons() {
        return Stream.of(
                Arguments.of("NUL in a name", "{\"name\": \"张\\u0000三\"}", "VALIDATION"),
                Arguments.of("a terminal escape", "{\"name\": \"张三\\u001b[31m\"}", "VALIDATION"),
                Arguments.of("a C1 control", "{\"name\": \"张三\\u0085\"}", "VALIDATION"),
                Arguments.of("a bidi override", "{\"name\": \"\\u202e张三\"}", "VALIDATION"),
                Arguments.of("a bidi isolate", "{\"name\": \"张三\\u2066\"}", "VALIDATION"),
                Arguments.of("a zero-width space", "{\"name\": \"张\\u200b三\"}", "VALIDATION"),
                Arguments.of("a zero-width joiner", "{\"name\": \"张\\u200d三\"}", "VALIDATION"),
                Arguments.of("a byte-order mark", "{\"name\": \"\\ufeff张三\"}", "VALIDATION"),
                Arguments.of("a lone high surrogate", "{\"name\": \"张三\\ud800\"}", "VALIDATION"),
                Arguments.of("a lone low surrogate", "{\"name\": \"\\udc00张三\"}", "VALIDATION"),
                Arguments.of("a line break in a name", "{\"name\": \"张\\n三\"}", "VALIDATION"),
                Arguments.of(
                        "a date that does not exist",
                        "{\"name\": \"张三\", \"birthDate\": \"1990-02-30\"}",
                        "VALIDATION"),
                Arguments.of("not a date", "{\"name\": \"张三\", \"birthDate\": \"1990-2-3\"}", "VALIDATION"),
                Arguments.of(
                        "a birth date in the future",
                        "{\"name\": \"张三\", \"birthDate\": \"2999-01-01\"}",
                        "VALIDATION"),
                Arguments.of(
                        "a birth date before 1900", "{\"name\": \"张三\", \"birthDate\": \"1899-12-31\"}", "VALIDATION"),
                Arguments.of("a NUL in an address", "{\"name\": \"张三\", \"address\": \"人民路\\u0000\"}", "VALIDATION"));
    }

    HttpResponse<String> raw(String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", GraphApi.basic("editor"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String code(HttpResponse<String> response) {
        var errors = json.readTree(response.body()).path("errors");
        return errors.isArray() && !errors.isEmpty()
                ? errors.get(0).path("extensions").path("code").asString()
                : null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPersons")
    void refusedAndNothingChanges(String what, String input, String expected) throws Exception {
        var before = GraphApi.fingerprint(driver);
        var response =
                raw("{\"query\": " + json.writeValueAsString(CREATE) + ", \"variables\": {\"input\": " + input + "}}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(code(response)).as(what + ": " + response.body()).isEqualTo(expected);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(GraphApi.fingerprint(driver)).isEqualTo(before);
    }

    @Test
    void anImpossibleAsOfIsRefusedNotAnswered() throws Exception {
        var literal =
                raw("{\"query\": \"{ areas(first: 1) { nodes { parts(asOf: \\\"2020-02-30\\\") { since } } } }\"}");
        assertThat(code(literal)).isEqualTo("VALIDATION");
        assertThat(literal.body()).doesNotContain("\"data\":{");
    }

    @Test
    void textIsStoredInNormalFormC() throws Exception {
        // e + combining acute accent, as some input methods send it
        String decomposed = "e\u0301社区";
        var response = raw("{\"query\": " + json.writeValueAsString(CREATE) + ", \"variables\": {\"input\": {\"name\": "
                + json.writeValueAsString(decomposed) + "}}}");
        String id = json.readTree(response.body())
                .path("data")
                .path("createPerson")
                .path("person")
                .path("id")
                .asString();
        try (var session = driver.session()) {
            String stored = session.run("MATCH (p:Person {id: $id}) RETURN p.name AS n", Map.of("id", id))
                    .single()
                    .get("n")
                    .asString();
            assertThat(stored).isEqualTo("\u00e9社区");
        }
    }

    @Test
    void multiLineTextsKeepTheirLineBreaks() throws Exception {
        var response = raw("{\"query\": " + json.writeValueAsString(CREATE)
                + ", \"variables\": {\"input\": {\"name\": \"李四\", \"address\": \"人民路1号\\n3单元\"}}}");
        assertThat(code(response)).isNull();
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutALength() throws Exception {
        String big =
                "{\"query\": \"{ __typename }\", \"variables\": {\"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}";
        var declared = raw(big);
        assertThat(declared.statusCode()).isEqualTo(413);
        var chunked = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", GraphApi.basic("viewer"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("party-graph.http.max-request-size");
        // a small body streamed in chunks is still served
        var small = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", GraphApi.basic("viewer"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                                "{\"query\": \"{ __typename }\"}".getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).contains("Query");
    }

    @Test
    void putAndDeleteOnGraphqlAre405() throws Exception {
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", GraphApi.basic("editor"))
                            .method(method, HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST, OPTIONS");
        }
    }

    @Test
    void theDepthLimitAnswersLimitWithItsSetting() throws Exception {
        var deep = new StringBuilder("{ areas(first: 1) { nodes { name");
        for (int i = 0; i < 8; i++) {
            deep.append(" parts { area { name");
        }
        deep.append(" } }".repeat(8)).append(" } } }");
        var response = raw("{\"query\": " + json.writeValueAsString(deep.toString()) + "}");
        assertThat(code(response)).isEqualTo("LIMIT");
        assertThat(response.body()).contains("party-graph.graphql.max-depth");
    }
}

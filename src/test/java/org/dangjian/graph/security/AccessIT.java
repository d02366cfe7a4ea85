package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The role matrix of the README, cell by cell: every root field of the schema (read from the schema
 * itself, so a new field cannot escape) for anonymous callers and each of the four roles, the web
 * pages and the operational endpoints; then the ways in which authentication fails, each a 401 with no
 * data. Allowed calls are made with arguments that the service refuses (empty names, unknown ids), so
 * the matrix changes nothing, and the graph's fingerprint proves it.
 */
@IntegrationTest
class AccessIT {

    /** The documented matrix, written out independently of the code that enforces it. */
    static final Map<String, Set<String>> WHO_MAY = Map.of(
            "read", Set.of("viewer", "editor", "analyst", "admin"),
            "write", Set.of("editor", "admin"),
            "console", Set.of("analyst", "admin"),
            "admin", Set.of("admin"));

    static String category(String operation, String field) {
        if (field.equals("backup") || field.equals("backups")) {
            return "admin";
        }
        if (operation.equals("mutation")) {
            return "write";
        }
        return switch (field) {
            case "cypher", "runNamedQuery", "namedQueries" -> "console";
            case "auditEvents", "verifyAuditTrail", "serviceSettings" -> "admin";
            case "importJob", "importJobs" -> "write";
            default -> "read";
        };
    }

    @Autowired
    GraphQlSource graphQlSource;

    @Autowired
    Driver driver;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyRootFieldForEveryRoleAsTheMatrixSays() throws Exception {
        var schema = graphQlSource.schema();
        var before = GraphApi.fingerprint(driver);
        var cells = new ArrayList<String>();
        var wrong = new ArrayList<String>();
        for (var root : List.of(schema.getQueryType(), schema.getMutationType())) {
            String operation = root == schema.getQueryType() ? "query" : "mutation";
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                String document = operation + " { " + field.getName() + arguments(field) + selection(field) + " }";
                String category = category(operation, field.getName());
                var anonymous = send(null, document);
                if (anonymous.statusCode() != 401 || anonymous.body().contains("\"data\"")) {
                    wrong.add("anonymous " + field.getName() + " → " + anonymous.statusCode());
                }
                for (String user : List.of("viewer", "editor", "analyst", "admin")) {
                    var response = send(GraphApi.basic(user), document);
                    boolean allowed = WHO_MAY.get(category).contains(user);
                    String codes = codes(response.body());
                    boolean forbidden = codes.contains("FORBIDDEN");
                    cells.add(user + " " + field.getName());
                    if (response.statusCode() != 200 || allowed == forbidden || codes.contains("INTERNAL")) {
                        wrong.add(user + " " + operation + " " + field.getName() + " → " + response.statusCode() + " "
                                + codes + " (expected " + (allowed ? "allowed" : "FORBIDDEN") + ")");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(cells.size()).isGreaterThan(4 * 60);
        assertThat(GraphApi.fingerprint(driver)).isEqualTo(before);
    }

    @Test
    void pagesAndEndpointsAsTheMatrixSays() throws Exception {
        assertThat(get(null, "/actuator/health").statusCode()).isEqualTo(200);
        for (String path : List.of("/graphiql", "/network/", "/network/network.js", "/actuator/info", "/graphql")) {
            var response = get(null, path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(path)
                    .isPresent();
        }
        for (String user : List.of("viewer", "editor", "analyst", "admin")) {
            assertThat(get(GraphApi.basic(user), "/actuator/health").statusCode())
                    .isEqualTo(200);
            assertThat(get(GraphApi.basic(user), "/graphiql").statusCode())
                    .as(user)
                    .isIn(200, 302, 307);
            assertThat(get(GraphApi.basic(user), "/network/index.html").statusCode())
                    .as(user)
                    .isEqualTo(200);
            assertThat(get(GraphApi.basic(user), "/actuator/info").statusCode())
                    .as(user)
                    .isEqualTo(user.equals("admin") ? 200 : 403);
        }
    }

    @Test
    void administratorsSeeTheSettingsWithoutSecrets() throws Exception {
        var response = send(GraphApi.basic("admin"), "{ serviceSettings }");
        assertThat(response.body())
                .contains("\"party-graph.graphql.max-depth\":\"15\"")
                .contains("\"name\":\"analyst\"")
                .contains("\"tokens\":true")
                .doesNotContain("$2a$")
                .doesNotContain("password");
    }

    @Test
    void corsLetsConfiguredFrontEndsCallAndNoOthers() throws Exception {
        for (var origin : List.of("https://front.example", "https://elsewhere.example")) {
            assertAllowedOnlyIfConfigured(
                    origin,
                    http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                    .header("Origin", origin)
                                    .header("Access-Control-Request-Method", "POST")
                                    .header("Access-Control-Request-Headers", "authorization,content-type")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
        }
        // The front-end's actual call still needs a user.
        assertThat(corsCall("https://front.example", null).statusCode()).isEqualTo(401);
        // With a user, the answer carries the origin, so that the browser hands it to the front-end;
        // an origin not configured gets a refusal, as its preflight did.
        for (var origin : List.of("https://front.example", "https://elsewhere.example")) {
            assertAllowedOnlyIfConfigured(origin, corsCall(origin, GraphApi.basic("viewer")));
        }
    }

    private HttpResponse<String> corsCall(String origin, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Origin", origin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The configured front-end's origin is allowed (and echoed); any other is refused with 403. */
    private static void assertAllowedOnlyIfConfigured(String origin, HttpResponse<String> response) {
        boolean configured = origin.equals("https://front.example");
        assertThat(response.statusCode()).as(origin).isEqualTo(configured ? 200 : 403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                .as(origin)
                .isEqualTo(configured ? java.util.Optional.of(origin) : java.util.Optional.empty());
    }

    @Test
    void failedAuthenticationIsA401WithNoData() throws Exception {
        var refusals = Map.of(
                "no credentials",
                "",
                "wrong password",
                GraphApi.basic("admin", "admin-wrong"),
                "unknown user",
                GraphApi.basic("nobody", "nobody-test"),
                "expired token",
                "Bearer " + TestTokens.expired("sso-admin", "ADMIN"),
                "forged token",
                "Bearer " + TestTokens.forged("sso-admin", "ADMIN"),
                "malformed token",
                "Bearer not.a.token");
        for (var refusal : refusals.entrySet()) {
            var response = send(
                    refusal.getValue().isEmpty() ? null : refusal.getValue(), "{ areas(first: 1) { totalCount } }");
            assertThat(response.statusCode()).as(refusal.getKey()).isEqualTo(401);
            assertThat(response.body())
                    .as(refusal.getKey())
                    .doesNotContain("totalCount")
                    .doesNotContain("data");
        }
        var overGet = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql?query="
                                + URLEncoder.encode("{ areas(first: 1) { totalCount } }", StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(overGet.statusCode()).isEqualTo(401);
        assertThat(overGet.body()).doesNotContain("totalCount");
    }

    @Test
    void tokensCarryRolesFromTheConfiguredClaim() throws Exception {
        String read = "{ areas(first: 1) { totalCount } }";
        var viewer = send("Bearer " + TestTokens.valid("sso-viewer", "viewer"), read);
        assertThat(viewer.statusCode()).isEqualTo(200);
        assertThat(viewer.body()).contains("totalCount");

        String console = "{ cypher(query: \"RETURN 1 AS one\") { rows } }";
        assertThat(codes(send("Bearer " + TestTokens.valid("sso-viewer", "VIEWER"), console)
                        .body()))
                .contains("FORBIDDEN");
        assertThat(send("Bearer " + TestTokens.valid("sso-analyst", "ROLE_ANALYST"), console)
                        .body())
                .contains("\"rows\":[[1]]");
        // A token with none of our roles authenticates but may do nothing.
        assertThat(send("Bearer " + TestTokens.valid("sso-stranger", "offline_access"), read)
                        .statusCode())
                .isEqualTo(403);
    }

    /**
     * Required arguments, and optional ones that take ids (scopes, roots), all given values the
     * service refuses or finds nothing for, so that each allowed call is quick and changes nothing.
     */
    private static String arguments(GraphQLFieldDefinition field) {
        var given = field.getArguments().stream()
                .filter(a -> (GraphQLTypeUtil.isNonNull(a.getType()) && !a.hasSetDefaultValue())
                        || GraphQLTypeUtil.unwrapAll(a.getType()).getName().equals("ID"))
                .map(a -> a.getName() + ": " + value(a.getType()))
                .toList();
        return given.isEmpty() ? "" : "(" + String.join(", ", given) + ")";
    }

    /** A value of the type that the service will refuse: empty strings, unknown ids, empty lists. */
    private static String value(GraphQLInputType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return value((GraphQLInputType) nonNull.getWrappedType());
        }
        if (type instanceof GraphQLList list) {
            var element = GraphQLTypeUtil.unwrapAll(list);
            return element.getName().equals("ID") ? "[\"matrix-none\"]" : "[]";
        }
        if (type instanceof GraphQLEnumType e) {
            return e.getValues().getFirst().getName();
        }
        if (type instanceof GraphQLInputObjectType input) {
            return input.getFieldDefinitions().stream()
                    .filter(f -> GraphQLTypeUtil.isNonNull(f.getType()) && !f.hasSetDefaultValue())
                    .map(f -> f.getName() + ": " + value(f.getType()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return switch (((GraphQLScalarType) type).getName()) {
            case "ID" -> "\"matrix-none\"";
            case "String" -> "\"\"";
            case "Int" -> "-1";
            case "Float" -> "-1.0";
            case "Boolean" -> "false";
            case "Date" -> "\"1900-01-01\"";
            case "DateTime" -> "\"1900-01-01T00:00:00Z\"";
            case "JSON" -> "{}";
            default -> throw new IllegalStateException("no refused value for " + type);
        };
    }

    private static String selection(GraphQLFieldDefinition field) {
        var type = GraphQLTypeUtil.unwrapAll(field.getType());
        return type instanceof GraphQLScalarType || type instanceof GraphQLEnumType ? "" : " { __typename }";
    }

    @SuppressWarnings("unchecked")
    private String codes(String body) {
        var map = json.readValue(body, Map.class);
        var errors = (List<Map<String, Object>>) map.getOrDefault("errors", List.of());
        return errors.stream()
                .map(e -> String.valueOf(((Map<String, Object>) e.getOrDefault("extensions", Map.of())).get("code")))
                .collect(Collectors.joining(","));
    }

    private HttpResponse<String> send(String authorization, String document) throws Exception {
        return GraphApi.post(port, authorization, document, Map.of());
    }

    private HttpResponse<String> get(String authorization, String path) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void failedLoginsOfOneUserAreThrottledThenAnswered429() throws Exception {
        String user = "guesser" + System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(send(GraphApi.basic(user, "guess" + i), "{ __typename }").statusCode())
                    .isEqualTo(401);
        }
        var throttled = send(GraphApi.basic(user, "guess-again"), "{ __typename }");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        // other users are not affected
        assertThat(send(GraphApi.basic("viewer"), "{ __typename }").statusCode())
                .isEqualTo(200);
    }
}

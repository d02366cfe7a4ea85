package org.dangjian.graph.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** The analysts' console against the sample graph: what it answers, what it refuses, how it stops. */
@IntegrationTest
class ConsoleIT {

    @Autowired
    HttpGraphQlTester graphQl;

    @Autowired
    Driver driver;

    HttpGraphQlTester api;

    @BeforeEach
    void setUp() {
        api = GraphApi.patient(graphQl);
    }

    org.springframework.graphql.test.tester.GraphQlTester.Response cypher(
            String query, Map<String, Object> params, Integer limit) {
        return api.document("""
                query($q: String!, $p: JSON, $l: Int) { cypher(query: $q, parameters: $p, limit: $l) {
                  columns rows graph summary { timeMs rowsReturned truncated queryType notifications plan } } }""")
                .variable("q", query)
                .variable("p", params)
                .variable("l", limit)
                .execute();
    }

    @Test
    void answersWithColumnsRowsAndTheResultAsAGraph() {
        var r = cypher(
                "MATCH (o:PartyOrganization {sector: $sector})-[l:LEADS]->(a:Area) WHERE o.id STARTS WITH 'org-c000' RETURN o, l, a ORDER BY o.name",
                Map.of("sector", "BIG_COMMUNITY"),
                null);
        r.path("cypher.columns").entityList(String.class).containsExactly("o", "l", "a");
        r.path("cypher.rows").entityList(Object.class).hasSize(5);
        r.path("cypher.rows[0][0].labels").entityList(String.class).containsExactly("PartyOrganization");
        r.path("cypher.rows[0][1].type").entity(String.class).isEqualTo("LEADS");
        r.path("cypher.graph.nodes").entityList(Object.class).hasSize(10);
        r.path("cypher.graph.edges").entityList(Object.class).hasSize(5);
        r.path("cypher.graph.edges[0].source")
                .entity(String.class)
                .satisfies(s -> assertThat(s).startsWith("org-"));
        r.path("cypher.graph.edges[0].target")
                .entity(String.class)
                .satisfies(s -> assertThat(s).startsWith("area-"));
        r.path("cypher.summary.queryType").entity(String.class).isEqualTo("READ_ONLY");
        r.path("cypher.summary.truncated").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void pathsRenderAsTheirNodesAndRelationships() {
        cypher(
                        "MATCH p = (:Area {kind: 'BIG_COMMUNITY'})-[:PART_OF]->(:Area {kind: 'TOWN'}) RETURN p LIMIT 1",
                        null,
                        null)
                .path("cypher.rows[0][0].nodes")
                .entityList(Object.class)
                .hasSize(2)
                .path("cypher.rows[0][0].relationships[0].type")
                .entity(String.class)
                .isEqualTo("PART_OF")
                .path("cypher.graph.edges")
                .entityList(Object.class)
                .hasSize(1);
    }

    @Test
    void parametersOfEveryJsonTypeRoundTrip() {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("s", "城北");
        params.put("i", 42);
        params.put("f", 2.53);
        params.put("b", true);
        params.put("n", null);
        params.put("l", List.of(1, "二", false));
        params.put("m", Map.of("k", List.of(Map.of("deep", "值"))));
        cypher("RETURN $s AS s, $i AS i, $f AS f, $b AS b, $n AS n, $l AS l, $m AS m", params, null)
                .path("cypher.rows[0][0]")
                .entity(String.class)
                .isEqualTo("城北")
                .path("cypher.rows[0][1]")
                .entity(Integer.class)
                .isEqualTo(42)
                .path("cypher.rows[0][2]")
                .entity(Double.class)
                .isEqualTo(2.53)
                .path("cypher.rows[0][3]")
                .entity(Boolean.class)
                .isEqualTo(true)
                .path("cypher.rows[0][4]")
                .valueIsNull()
                .path("cypher.rows[0][5]")
                .entityList(Object.class)
                .containsExactly(1, "二", false)
                .path("cypher.rows[0][6].k[0].deep")
                .entity(String.class)
                .isEqualTo("值");
    }

    @Test
    void theLimitCutsTheStreamAndSaysSo() {
        cypher("UNWIND range(1, 100000) AS i RETURN i", null, 10)
                .path("cypher.rows")
                .entityList(Object.class)
                .hasSize(10)
                .path("cypher.summary.rowsReturned")
                .entity(Integer.class)
                .isEqualTo(10)
                .path("cypher.summary.truncated")
                .entity(Boolean.class)
                .isEqualTo(true);
        cypher("RETURN 1", null, 1_000_000)
                .errors()
                .expect(e -> "VALIDATION".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("limit"))
                .verify();
    }

    @Test
    void explainReturnsThePlanAndRunsNothing() {
        cypher("EXPLAIN MATCH (n:Area {kind: 'TOWN'}) RETURN n", null, null)
                .path("cypher.rows")
                .entityList(Object.class)
                .hasSize(0)
                .path("cypher.summary.plan.operatorType")
                .entity(String.class)
                .satisfies(o -> assertThat(o).startsWith("ProduceResults"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE (n:Intruder) RETURN n",
                "MERGE (n:Area {id: 'area-x'}) RETURN n",
                "MATCH (n:Area {kind: 'TOWN'}) SET n.name = 'x' RETURN n",
                "MATCH (n:Area {kind: 'TOWN'}) REMOVE n.code RETURN n",
                "MATCH (n:Grid) WITH n LIMIT 1 DETACH DELETE n",
                "MATCH ()-[r:PAIRED_WITH]->() WITH r LIMIT 1 DELETE r",
                "MATCH (n:Area) FOREACH (x IN [1] | CREATE (:Intruder))",
                "MATCH (n:Area) CALL (n) { SET n.touched = true } IN TRANSACTIONS OF 10 ROWS",
                "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
                "LOAD CSV WITH HEADERS FROM 'https://example.org/x.csv' AS line RETURN line",
                "CREATE INDEX intruder IF NOT EXISTS FOR (n:Area) ON (n.population)",
                "DROP CONSTRAINT entity_id",
                "SHOW INDEXES",
                "CREATE USER intruder SET PASSWORD 'secret123'",
                "CALL dbms.components()",
                "CALL db.createLabel('Intruder')",
                "CALL dbms.listConfig()",
                "RETURN apoc.text.join(['a', 'b'], ',') AS x",
            })
    void refusesWhatIsNotAPlainRead(String statement) {
        var before = GraphApi.fingerprint(driver);
        cypher(statement, null, null)
                .errors()
                .expect(e -> List.of("FORBIDDEN", "VALIDATION")
                                .contains(e.getExtensions().get("code"))
                        && !e.getMessage().isBlank())
                .verify();
        assertThat(GraphApi.fingerprint(driver)).isEqualTo(before);
    }

    @Test
    void writesAreRefusedAsForbiddenWithAClearReason() {
        cypher("CREATE (n:Intruder) RETURN n", null, null)
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("read"))
                .verify();
        cypher("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", null, null)
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("LoadCSV"))
                .verify();
        cypher("CALL dbms.components()", null, null)
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code")))
                .verify();
    }

    @Test
    void allowedProceduresRun() {
        cypher("CALL db.labels() YIELD label RETURN label", null, null)
                .path("cypher.rows[*][0]")
                .entityList(String.class)
                .contains("PartyOrganization");
        cypher("CALL db.index.fulltext.queryNodes('nameSearch', '城北') YIELD node RETURN node.name LIMIT 3", null, null)
                .path("cypher.rows")
                .entityList(Object.class)
                .hasSize(3);
    }

    @Test
    void theDatabaseItselfRefusesAWriteInAReadOnlyTransaction() {
        // The second line of defence, on its own: were a write to pass the checks, read access mode stops it.
        try (var session = driver.session(
                SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            assertThatThrownBy(() -> session.executeRead(
                            tx -> tx.run("CREATE (:Intruder)").consume()))
                    .hasMessageContaining("read");
        }
        try (var session = driver.session()) {
            assertThat(session.run("MATCH (n:Intruder) RETURN count(n) AS c")
                            .single()
                            .get("c")
                            .asLong())
                    .isZero();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void aRunawayQueryIsStoppedAtItsLimitWhileOthersAreAnswered() throws Exception {
        // Plain HTTP clients, so that the two requests are really concurrent.
        var http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        var runaway = http.sendAsync(
                post("MATCH (a:Person), (b:Person), (c:Area) WHERE a.name + b.name = c.name RETURN count(*)"),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        long quickStart = System.nanoTime();
        var quick =
                http.send(post("MATCH (a:Area {kind: 'TOWN'}) RETURN count(a)"), HttpResponse.BodyHandlers.ofString());
        var quickTime = Duration.ofNanos(System.nanoTime() - quickStart);
        assertThat(quick.body()).contains("rows").doesNotContain("errors");
        assertThat(runaway).isNotDone();
        assertThat(quickTime).isLessThan(Duration.ofSeconds(5));
        var stopped = runaway.get();
        var total = Duration.ofNanos(System.nanoTime() - started);
        assertThat(stopped.body()).contains("TIMEOUT");
        // the test's limit is 10 s; allow for noticing the timeout and rolling back
        assertThat(total).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(16));
    }

    @Test
    void aRunawayExpressionIsStoppedAtItsLimitToo() throws Exception {
        // One expression that builds ever longer strings: no operator between rows where the
        // database would notice its time limit.
        var http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        var runaway = http.sendAsync(
                post("RETURN size(reduce(s = '', x IN range(1, 200000) | s + 'xxxxxxxxxxxxxxxxxxxx')) AS n"),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1_000);
        long quickStart = System.nanoTime();
        var quick =
                http.send(post("MATCH (a:Area {kind: 'TOWN'}) RETURN count(a)"), HttpResponse.BodyHandlers.ofString());
        var quickTime = Duration.ofNanos(System.nanoTime() - quickStart);
        var stopped = runaway.get();
        var total = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
                "runaway expression answered after %d ms; a parallel query after %d ms%n",
                total.toMillis(), quickTime.toMillis());
        assertThat(quick.body()).contains("rows").doesNotContain("errors");
        assertThat(quickTime).isLessThan(Duration.ofSeconds(5));
        assertThat(stopped.body()).containsAnyOf("TIMEOUT", "LIMIT");
        // the test's limit is 10 s
        assertThat(total).isLessThan(Duration.ofSeconds(15));
        // and it is in the audit trail, as stopped
        var recorded = trail.page(Map.of("operation", "cypher", "success", false), 50, null).nodes().stream()
                .filter(e -> String.valueOf(e.arguments()).contains("reduce(s = ''"))
                .toList();
        assertThat(recorded).isNotEmpty();
        assertThat(recorded.getFirst().errorCode()).isEqualTo("TIMEOUT");
    }

    @Autowired
    org.dangjian.graph.audit.AuditTrail trail;

    private HttpRequest post(String statement) {
        String body = "{\"query\": \"query($q: String!) { cypher(query: $q) { rows } }\", \"variables\": {\"q\": \""
                + statement.replace("\"", "\\\"") + "\"}}";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", GraphApi.basic("analyst"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}

package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every rule that reads the graph and then writes holds with many writers at once: eight clients are
 * released together by a barrier, exactly one wins, the others are refused with the rule's own code
 * (never INTERNAL), and the graph obeys the rule afterwards.
 */
@IntegrationTest
class ConcurrencyIT {

    static final int WRITERS = 8;
    static final ExecutorService POOL = Executors.newFixedThreadPool(WRITERS);

    @Autowired
    Driver driver;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    String t;

    @BeforeEach
    void tag() {
        t = Long.toString(System.nanoTime(), 36);
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    /** One answer of a raced request: its data, or its error code. */
    record Answer(JsonNode data, String code) {
        boolean ok() {
            return code == null;
        }
    }

    /** Runs {@code WRITERS} requests released together; the i-th request is {@code request.apply(i)}. */
    List<Answer> race(IntFunction<String> request) throws Exception {
        var barrier = new CyclicBarrier(WRITERS);
        var futures = new ArrayList<Future<Answer>>();
        for (int i = 0; i < WRITERS; i++) {
            String query = request.apply(i);
            futures.add(POOL.submit(() -> {
                barrier.await(30, TimeUnit.SECONDS);
                var response = GraphApi.post(port, GraphApi.basic("editor"), query, Map.of());
                var body = json.readTree(response.body());
                var errors = body.path("errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    return new Answer(
                            null, errors.get(0).path("extensions").path("code").asString());
                }
                return new Answer(body.path("data"), null);
            }));
        }
        var answers = new ArrayList<Answer>();
        for (var f : futures) {
            answers.add(f.get(120, TimeUnit.SECONDS));
        }
        return answers;
    }

    static void oneWinner(List<Answer> answers, String loserCode) {
        assertThat(answers.stream().filter(Answer::ok).count())
                .as("winners in %s", answers)
                .isEqualTo(1);
        assertThat(answers.stream().filter(a -> !a.ok()).map(Answer::code))
                .as("losers' codes")
                .containsOnly(loserCode);
    }

    long count(String cypher, Map<String, Object> parameters) {
        return GraphApi.count(driver, cypher, parameters);
    }

    String create(String type, String input) throws Exception {
        String field = Character.toLowerCase(type.charAt(0)) + type.substring(1);
        return GraphApi.post(
                        port,
                        GraphApi.basic("editor"),
                        "mutation { create" + type + "(input: " + input + ") { " + field + " { id } } }",
                        Map.of())
                .body()
                .replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
    }

    String person(String name) throws Exception {
        return create("Person", "{name: \"" + name + t + "\"}");
    }

    String organization(String name) throws Exception {
        return create("PartyOrganization", "{name: \"" + name + t + "\", kind: BRANCH, sector: COMMUNITY}");
    }

    String addTie(String kind, String from, String to, String extra) {
        return "mutation { addTie(input: {kind: " + kind + ", fromId: \"" + from + "\", toId: \"" + to + "\"" + extra
                + "}) { tie { id } } }";
    }

    /** Races 8 identical addTie requests between a new person and organization; one tie is left. */
    void identicalTiesRacedLeaveOne(String kind, String extra, String stored) throws Exception {
        String p = person("并发" + kind);
        String o = organization("并发支部");
        var answers = race(i -> addTie(kind, p, o, extra));
        oneWinner(answers, "CONFLICT");
        assertThat(count(
                        "MATCH (:Person {id: $p})-[r:" + stored + "]->(:PartyOrganization {id: $o})"
                                + " WHERE r.until IS NULL RETURN count(r) AS n",
                        Map.of("p", p, "o", o)))
                .isEqualTo(1);
    }

    @Test
    void identicalMembershipsRacedLeaveOne() throws Exception {
        identicalTiesRacedLeaveOne("MEMBERSHIP", ", status: FORMAL", "MEMBER_OF");
    }

    @Test
    void identicalSecretaryPostsRacedLeaveOne() throws Exception {
        identicalTiesRacedLeaveOne("POST", ", role: SECRETARY", "HOLDS_POST {role: 'SECRETARY'}");
    }

    @Test
    void designationsOfOneOrganizationRacedLeaveOne() throws Exception {
        String o = organization("并发软弱");
        var answers = race(i -> "mutation { designateWeak(input: {organizationId: \"" + o
                + "\", reasons: [\"班子不健全\"]}) { designation { status } } }");
        oneWinner(answers, "CONFLICT");
        assertThat(count(
                        "MATCH (:PartyOrganization {id: $o})-[:DESIGNATED]->(d:Designation {type: 'WEAK'})"
                                + " WHERE d.until IS NULL RETURN count(d) AS n",
                        Map.of("o", o)))
                .isEqualTo(1);
    }

    @Test
    void rectificationStartedRacedHasOneLeader() throws Exception {
        String o = organization("并发整顿");
        String d = GraphApi.post(
                        port,
                        GraphApi.basic("editor"),
                        "mutation { designateWeak(input: {organizationId: \"" + o
                                + "\", since: \"2024-01-01\", reasons: [\"班子不健全\"]}) { designation { designation { id } } } }",
                        Map.of())
                .body()
                .replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        var leaders = new ArrayList<String>();
        for (int i = 0; i < WRITERS; i++) {
            leaders.add(person("整顿牵头人" + i));
        }
        var answers = race(i -> "mutation { startRectification(input: {designationId: \"" + d + "\", leaderId: \""
                + leaders.get(i) + "\", plan: \"方案" + i + "\"}) { designation { status } } }");
        oneWinner(answers, "CONFLICT");
        assertThat(count(
                        "MATCH (:Designation {id: $d})-[:RECTIFIED_BY]->(r:Rectification)-[l:LED_BY]->() RETURN count(l) AS n",
                        Map.of("d", d)))
                .isEqualTo(1);
    }

    @Test
    void opposingReportingLinesRacedCloseNoCycle() throws Exception {
        String a = organization("并发甲");
        String b = organization("并发乙");
        var answers = race(i -> i % 2 == 0 ? addTie("REPORTING_LINE", a, b, "") : addTie("REPORTING_LINE", b, a, ""));
        assertThat(answers.stream().filter(Answer::ok).count()).isEqualTo(1);
        assertThat(answers.stream().filter(x -> !x.ok()).map(Answer::code)).isSubsetOf("CONFLICT", "VALIDATION");
        assertThat(cycles(List.of(a, b))).isZero();
    }

    @Test
    void aRingOfReportingLinesRacedIsNeverClosed() throws Exception {
        // A→B, B→C, C→D, D→A added at once, twice each: A→B and C→D share no node, so locking the ends
        // alone lets B→C and D→A each miss the other and close the ring when the timing is unlucky;
        // the rule's own lock lets three commit and refuses the fourth. Repeated, to meet that timing.
        for (int round = 0; round < 12; round++) {
            var ring = List.of(
                    organization("环甲" + round),
                    organization("环乙" + round),
                    organization("环丙" + round),
                    organization("环丁" + round));
            var answers = race(i -> addTie("REPORTING_LINE", ring.get(i % 4), ring.get((i + 1) % 4), ""));
            assertThat(cycles(ring)).as("round " + round).isZero();
            assertThat(answers.stream().filter(Answer::ok).count())
                    .as("round " + round)
                    .isEqualTo(3);
            assertThat(answers.stream().filter(x -> !x.ok()).map(Answer::code)).isSubsetOf("CONFLICT", "VALIDATION");
        }
    }

    long cycles(List<String> ids) {
        return count(
                "MATCH (o:PartyOrganization) WHERE o.id IN $ids MATCH p = (o)-[:REPORTS_TO*1..]->(o)"
                        + " WHERE all(r IN relationships(p) WHERE r.until IS NULL) RETURN count(p) AS n",
                Map.of("ids", ids));
    }

    @Test
    void aTieEndedRacedEndsOnceOnTheWinnersDate() throws Exception {
        String p = person("并发结束");
        String o = organization("并发结束支部");
        String tie = GraphApi.post(
                        port,
                        GraphApi.basic("editor"),
                        addTie("MEMBERSHIP", p, o, ", status: FORMAL, since: \"2020-01-01\""),
                        Map.of())
                .body()
                .replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        var answers = race(i -> "mutation { endTie(input: {id: \"" + tie + "\", until: \"2021-01-0" + (i + 1)
                + "\"}) { tie { until } } }");
        oneWinner(answers, "CONFLICT");
        String winner = answers.stream()
                .filter(Answer::ok)
                .findFirst()
                .orElseThrow()
                .data()
                .path("endTie")
                .path("tie")
                .path("until")
                .asString();
        try (var session = driver.session()) {
            assertThat(session.run(
                                    "MATCH ()-[r:MEMBER_OF {id: $id}]->() RETURN toString(r.until) AS u",
                                    Map.of("id", tie))
                            .single()
                            .get("u")
                            .asString())
                    .isEqualTo(winner);
        }
    }

    @Test
    void deleteWithoutDetachRacedWithAddTieLosesNoAcknowledgedWrite() throws Exception {
        String p = person("并发删除");
        var orgs = new ArrayList<String>();
        for (int i = 0; i < WRITERS; i++) {
            orgs.add(organization("并发删除支部" + i));
        }
        int deleter = 3;
        var answers = race(i -> i == deleter
                ? "mutation { deleteNode(input: {id: \"" + p + "\"}) { id } }"
                : addTie("MEMBERSHIP", p, orgs.get(i), ", status: FORMAL"));
        var delete = answers.get(deleter);
        long tiesAcknowledged = 0;
        for (int i = 0; i < WRITERS; i++) {
            if (i == deleter) {
                continue;
            }
            var a = answers.get(i);
            if (a.ok()) {
                tiesAcknowledged++;
                String tieId = a.data().path("addTie").path("tie").path("id").asString();
                assertThat(count("MATCH ()-[r:MEMBER_OF {id: $id}]->() RETURN count(r) AS n", Map.of("id", tieId)))
                        .as("acknowledged tie %s is stored", tieId)
                        .isEqualTo(1);
            } else {
                assertThat(a.code()).isEqualTo("NOT_FOUND");
            }
        }
        long personLeft = count("MATCH (n:Person {id: $p}) RETURN count(n) AS n", Map.of("p", p));
        if (delete.ok()) {
            assertThat(personLeft).isZero();
            assertThat(tiesAcknowledged).isZero();
        } else {
            assertThat(delete.code()).isEqualTo("CONFLICT");
            assertThat(personLeft).isEqualTo(1);
            assertThat(tiesAcknowledged).isEqualTo(WRITERS - 1);
        }
    }

    @Test
    void aDuplicateCodeRacedIsAConflictForEveryLoser() throws Exception {
        var answers = race(i -> "mutation { createUnit(input: {name: \"并发单位" + i + t
                + "\", kind: NON_PUBLIC_ENTERPRISE, code: \"91460000RACE" + t + "\"}) { unit { id } } }");
        oneWinner(answers, "CONFLICT");
        assertThat(count("MATCH (u:Unit {code: $c}) RETURN count(u) AS n", Map.of("c", "91460000RACE" + t)))
                .isEqualTo(1);
    }
}

package org.dangjian.graph.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.EntityService;
import org.dangjian.graph.entity.GraphApi;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.security.Caller;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail: a successful mutation and its event, a failed one, a forbidden one, console
 * queries, paging, administrators only, append-only, and the change and its record committing
 * together or not at all.
 */
@IntegrationTest
class AuditTrailIT {

    static final String EVENT =
            "{ id at user roles kind operation operationName ids success errorCode error arguments }";

    @Autowired
    HttpGraphQlTester graphQl;

    @Autowired
    Driver driver;

    @Autowired
    EntityService entities;

    @Autowired
    AuditTrail trail;

    @Autowired
    PlatformTransactionManager transactions;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events(Map<String, Object> filter, int first) {
        return GraphApi.patient(graphQl)
                .document(
                        "query($f: AuditEventFilter, $n: Int) { auditEvents(filter: $f, first: $n) { totalCount nodes "
                                + EVENT + " } }")
                .variable("f", filter)
                .variable("n", first)
                .execute()
                .errors()
                .verify()
                .path("auditEvents.nodes")
                .entityList(Map.class)
                .get()
                .stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSuccessfulMutationIsRecordedWithWhoWhatWhichIdsAndMaskedArguments() {
        String tag = Long.toString(System.nanoTime(), 36);
        String id = GraphApi.as(graphQl, "editor")
                .document(
                        "mutation Enrol($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }")
                .variable("input", Map.of("name", "审计" + tag, "phone", "13912345678"))
                .execute()
                .errors()
                .verify()
                .path("createPerson.person.id")
                .entity(String.class)
                .get();
        var events = events(Map.of("touching", id), 10);
        assertThat(events).hasSize(1);
        var event = events.getFirst();
        assertThat(event)
                .containsEntry("user", "editor")
                .containsEntry("roles", List.of("EDITOR"))
                .containsEntry("kind", "MUTATION")
                .containsEntry("operation", "createPerson")
                .containsEntry("operationName", "Enrol")
                .containsEntry("success", true)
                .containsEntry("errorCode", null);
        assertThat((List<Object>) event.get("ids")).contains(id);
        assertThat(event.get("arguments").toString()).contains("139****5678").doesNotContain("13912345678");
        assertThat((String) event.get("at")).matches("\\d{4}-\\d\\d-\\d\\dT.*\\+08:00");
    }

    @Test
    void failedAndForbiddenMutationsAreRecordedOnTheirOwn() {
        String missing = "person-audit-" + System.nanoTime();
        GraphApi.as(graphQl, "editor")
                .document("mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } } }")
                .variable("input", Map.of("id", missing, "name", "无此人"))
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
        var failed = events(Map.of("touching", missing), 10);
        assertThat(failed)
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .containsEntry("success", false)
                        .containsEntry("errorCode", "NOT_FOUND")
                        .containsEntry("user", "editor"));

        String target = "area-audit-" + System.nanoTime();
        GraphApi.as(graphQl, "viewer")
                .document("mutation($input: EndTieInput!) { endTie(input: $input) { tie { id } } }")
                .variable("input", Map.of("id", target, "until", "2020-01-01"))
                .execute()
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code")))
                .verify();
        assertThat(events(Map.of("touching", target), 10))
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .containsEntry("success", false)
                        .containsEntry("errorCode", "FORBIDDEN")
                        .containsEntry("user", "viewer")
                        .containsEntry("operation", "endTie"));
    }

    @Test
    void consoleQueriesAreRecordedAndTheListPagesNewestFirst() {
        String marker = "audit-console-" + System.nanoTime();
        var analyst = GraphApi.as(graphQl, "analyst");
        for (int i = 0; i < 3; i++) {
            analyst.document("query($p: JSON) { cypher(query: \"RETURN $marker AS m\", parameters: $p) { rows } }")
                    .variable("p", Map.of("marker", marker + "-" + i, "markerId", marker))
                    .execute()
                    .errors()
                    .verify();
        }
        var filter = Map.<String, Object>of("touching", marker, "kind", "CONSOLE", "user", "analyst");
        var all = events(filter, 10);
        assertThat(all).hasSize(3).allSatisfy(e -> assertThat(e).containsEntry("success", true));
        assertThat(all.getFirst().get("arguments").toString()).contains(marker + "-2");

        var firstPage = GraphApi.patient(graphQl)
                .document("query($f: AuditEventFilter) { auditEvents(filter: $f, first: 2) { totalCount"
                        + " pageInfo { hasNextPage endCursor } nodes { id } } }")
                .variable("f", filter)
                .execute()
                .errors()
                .verify();
        assertThat(firstPage
                        .path("auditEvents.totalCount")
                        .entity(Integer.class)
                        .get())
                .isEqualTo(3);
        String cursor = firstPage
                .path("auditEvents.pageInfo.endCursor")
                .entity(String.class)
                .get();
        var rest = GraphApi.patient(graphQl)
                .document("query($f: AuditEventFilter, $a: String) { auditEvents(filter: $f, first: 2, after: $a) {"
                        + " pageInfo { hasNextPage } nodes { id } } }")
                .variable("f", filter)
                .variable("a", cursor)
                .execute()
                .errors()
                .verify();
        assertThat(rest.path("auditEvents.nodes[*].id").entityList(String.class).get())
                .containsExactly((String) all.get(2).get("id"));
        assertThat(rest.path("auditEvents.pageInfo.hasNextPage")
                        .entity(Boolean.class)
                        .get())
                .isFalse();

        // A statement the console refuses is recorded as refused, not as a success.
        String refusedMarker = marker + "-refused";
        analyst.document("query($p: JSON) { cypher(query: \"CREATE (n:Area) RETURN n\", parameters: $p) { rows } }")
                .variable("p", Map.of("markerId", refusedMarker))
                .execute()
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code")))
                .verify();
        assertThat(events(Map.of("touching", refusedMarker), 10))
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .containsEntry("success", false)
                        .containsEntry("errorCode", "FORBIDDEN")
                        .containsEntry("kind", "CONSOLE"));
    }

    @Test
    void theSampleImportAtStartUpIsRecordedAsTheSystems() {
        var imports = events(Map.of("kind", "IMPORT"), 10);
        assertThat(imports)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e)
                        .containsEntry("user", "system")
                        .containsEntry("operation", "generateSample")
                        .containsEntry("success", true));
        assertThat(imports.getLast().get("arguments").toString())
                .contains("SAMPLE")
                .contains("2020");
    }

    @Test
    void theTrailCannotBeChangedThroughTheApi() {
        var any = events(Map.of(), 1).getFirst();
        String id = (String) any.get("id");
        GraphApi.patient(graphQl)
                .document("mutation { deleteNode(input: {id: \"" + id + "\", detach: true}) { id } }")
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
        GraphApi.patient(graphQl)
                .document("{ cypher(query: \"MATCH (a:AuditEvent {id: '" + id + "'}) DETACH DELETE a\") { rows } }")
                .execute()
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code")))
                .verify();
        assertThat(GraphApi.count(driver, "MATCH (a:AuditEvent {id: $id}) RETURN count(a) AS n", Map.of("id", id)))
                .isEqualTo(1);
    }

    /** A value the audit trail cannot write as JSON. */
    public static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("cannot be written");
        }
    }

    @Test
    void aChangeAndItsRecordCommitTogetherOrNotAtAll() {
        String name = "原子" + System.nanoTime();
        var unrecordable = new AuditTrail.Event(
                AuditTrail.Kind.MUTATION,
                "createPerson",
                null,
                Caller.SYSTEM,
                Map.of("input", Map.of("name", name, "unwritable", new Unwritable())),
                Set.of(),
                true,
                null,
                null);
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    entities.create(GraphModel.nodeType("Person"), Map.of("name", name));
                    trail.recordHere(unrecordable);
                }))
                .isNotNull();
        assertThat(GraphApi.count(driver, "MATCH (p:Person {name: $name}) RETURN count(p) AS n", Map.of("name", name)))
                .as("the change rolled back with its record")
                .isZero();
        // And a record does not outlive its change: the change fails after the record is written.
        String marker = "audit-atomic-" + System.nanoTime();
        var recorded = new AuditTrail.Event(
                AuditTrail.Kind.MUTATION,
                "createPerson",
                null,
                Caller.SYSTEM,
                Map.of(),
                Set.of(marker),
                true,
                null,
                null);
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    trail.recordHere(recorded);
                    entities.create(GraphModel.nodeType("Person"), Map.of("name", " "));
                }))
                .hasMessageContaining("name");
        assertThat(GraphApi.count(
                        driver, "MATCH (a:AuditEvent) WHERE $m IN a.ids RETURN count(a) AS n", Map.of("m", marker)))
                .isZero();
    }

    Map<String, Object> verification() {
        return GraphApi.ok(
                GraphApi.patient(graphQl),
                "{ verifyAuditTrail { intact checked unchained firstBrokenId firstBrokenSeq reason } }",
                "verifyAuditTrail",
                Map.class);
    }

    void bolt(String cypher, Map<String, Object> parameters) {
        try (var session = driver.session()) {
            session.run(cypher, parameters).consume();
        }
    }

    @Test
    void theChainNamesAnEventAlteredOrRemovedOverBolt() {
        GraphApi.ok(
                GraphApi.as(graphQl, "editor"),
                "mutation { createPerson(input: {name: \"审计链\"}) { person { id } } }",
                "createPerson.person.id",
                String.class);
        assertThat(verification()).containsEntry("intact", true);
        Map<String, Object> last;
        try (var session = driver.session()) {
            last = session.run("MATCH (a:AuditEvent) WHERE a.seq IS NOT NULL RETURN a ORDER BY a.seq DESC LIMIT 1")
                    .single()
                    .get("a")
                    .asNode()
                    .asMap();
        }
        String id = (String) last.get("id");
        String user = (String) last.get("user");
        // someone on the host, with the Bolt password but without the key, rewrites who did it
        bolt("MATCH (a:AuditEvent {id: $id}) SET a.user = 'nobody'", Map.of("id", id));
        var broken = verification();
        assertThat(broken).containsEntry("intact", false).containsEntry("firstBrokenId", id);
        assertThat((String) broken.get("reason")).contains("altered");
        bolt("MATCH (a:AuditEvent {id: $id}) SET a.user = $user", Map.of("id", id, "user", user));
        assertThat(verification()).containsEntry("intact", true);

        // ... or removes the last record
        bolt("MATCH (a:AuditEvent {id: $id}) DELETE a", Map.of("id", id));
        var truncated = verification();
        assertThat(truncated).containsEntry("intact", false);
        assertThat((String) truncated.get("reason")).contains("removed from its end");
        bolt("CREATE (a:AuditEvent) SET a = $props", Map.of("props", last));
        assertThat(verification()).containsEntry("intact", true);
    }

    @Test
    void eventsWrittenByConcurrentWritersFormOneUnbrokenChain() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var barrier = new java.util.concurrent.CyclicBarrier(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    barrier.await();
                    return GraphApi.post(
                                    port,
                                    GraphApi.basic("editor"),
                                    "mutation { createPerson(input: {name: \"并发审计" + n + "\"}) { person { id } } }",
                                    Map.of())
                            .statusCode();
                }));
            }
            for (var f : futures) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        var v = verification();
        assertThat(v).containsEntry("intact", true);
        assertThat(((Number) v.get("checked")).longValue()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void readersOfTheStoreSeeTheTrailsTextSealed() throws Exception {
        String phone = "13700001234";
        GraphApi.post(
                port,
                GraphApi.basic("admin"),
                "query($q: String!) { cypher(query: $q) { rows } }",
                Map.of("q", "MATCH (p:Person) WHERE p.name = '审计原文' AND '" + phone + "' <> '' RETURN count(p)"));
        var answer = GraphApi.post(
                port,
                GraphApi.basic("analyst"),
                "query($q: String!) { cypher(query: $q) { rows } }",
                Map.of(
                        "q",
                        "MATCH (a) WHERE 'Audit' + 'Event' IN labels(a) RETURN a {.*} ORDER BY a.seq DESC LIMIT 50"));
        assertThat(answer.body()).doesNotContain(phone);
        try (var session = driver.session()) {
            var stored = session.run(
                            "MATCH (a:AuditEvent {operation: 'cypher', user: 'admin'}) RETURN a.arguments AS args"
                                    + " ORDER BY a.seq DESC LIMIT 1")
                    .single()
                    .get("args")
                    .asString();
            assertThat(stored).startsWith("sealed:").doesNotContain(phone);
        }
        // the trail's own API, for administrators, opens it
        var events = events(Map.of("user", "admin", "operation", "cypher"), 1);
        assertThat(String.valueOf(events.getFirst().get("arguments"))).contains(phone);
    }

    @Test
    void aDesignationsRecordNamesTheDesignationAndItsRectification() {
        String org = GraphApi.ok(
                GraphApi.as(graphQl, "editor"),
                "mutation { createPartyOrganization(input: {name: \"审计软弱\", kind: BRANCH, sector: COMMUNITY})"
                        + " { partyOrganization { id } } }",
                "createPartyOrganization.partyOrganization.id",
                String.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> record = GraphApi.ok(
                GraphApi.as(graphQl, "editor"),
                "mutation { designateWeak(input: {organizationId: \"" + org
                        + "\", reasons: [\"班子不健全\"]}) { designation { designation { id } rectification { id } } } }",
                "designateWeak.designation",
                Map.class);
        String designation = (String) ((Map<String, Object>) record.get("designation")).get("id");
        String rectification = (String) ((Map<String, Object>) record.get("rectification")).get("id");
        var event = events(Map.of("touching", designation, "operation", "designateWeak"), 1)
                .getFirst();
        assertThat((List<String>) event.get("ids")).contains(designation, rectification, org);
    }
}

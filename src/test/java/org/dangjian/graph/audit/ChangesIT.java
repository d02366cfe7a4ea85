package org.dangjian.graph.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Role;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;

/**
 * The {@code changes} subscription over WebSocket with a graphql-ws client: a mutation sent over HTTP
 * on one connection arrives as an event on another, after its commit; a change rolled back or refused
 * emits nothing; a subscriber with a jurisdiction, or a scope, gets only the changes inside it.
 */
@IntegrationTest
class ChangesIT {

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Autowired
    AuditTrail trail;

    @Autowired
    Changes changes;

    @Autowired
    PlatformTransactionManager transactions;

    /** What the subscriptions answered other than changes, for the failure message. */
    private final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static final String SUBSCRIPTION =
            "subscription($scope: ID) { changes(scope: $scope) { kind operation ids user auditId at } }";

    /** Subscribes over WebSocket (graphql-ws) as a test user; events land in the queue. */
    private Disposable subscribe(String user, String scope, BlockingQueue<Map<String, Object>> events) {
        var client = WebSocketGraphQlClient.builder(
                        URI.create("ws://127.0.0.1:" + port + "/subscriptions"), new StandardWebSocketClient())
                .headers(h -> h.set("Authorization", GraphApi.basic(user)))
                .build();
        var variables = new java.util.HashMap<String, Object>();
        variables.put("scope", scope);
        return client.document(SUBSCRIPTION)
                .variables(variables)
                .executeSubscription()
                .subscribe(
                        response -> {
                            Map<String, Object> change =
                                    response.field("changes").getValue();
                            if (change != null) {
                                events.add(change);
                            } else {
                                errors.add(user + ": " + response.getErrors());
                            }
                        },
                        failure -> errors.add(user + ": " + failure));
    }

    private String org(String name) {
        try (var session = driver.session()) {
            return session.run("MATCH (o:PartyOrganization {name: $n}) RETURN o.id AS id", Map.of("n", name))
                    .single()
                    .get("id")
                    .asString();
        }
    }

    private void rename(String id, String name) throws Exception {
        var response = GraphApi.post(
                port,
                GraphApi.basic("editor"),
                "mutation($id: ID!, $name: String!) { updatePartyOrganization(input: {id: $id, name: $name}) {"
                        + " partyOrganization { id } } }",
                Map.of("id", id, "name", name));
        assertThat(response.body()).doesNotContain("errors");
    }

    /** Waits until the subscriptions are live: changes a node until each queue has seen an event. */
    private void untilLive(String id, String name, List<BlockingQueue<Map<String, Object>>> queues) throws Exception {
        for (var queue : queues) {
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (queue.poll(300, TimeUnit.MILLISECONDS) == null) {
                assertThat(System.nanoTime())
                        .as("the subscription is live; it answered " + errors)
                        .isLessThan(until);
                rename(id, name);
            }
        }
        Thread.sleep(500);
        queues.forEach(BlockingQueue::clear);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMutationOnOneConnectionArrivesOnAnotherAfterItsCommitAndOnlyInsideAJurisdictionOrScope() throws Exception {
        String dongfeng = org("东风社区党委");
        String chengbei = org("城北社区党委");
        BlockingQueue<Map<String, Object>> all = new LinkedBlockingQueue<>();
        BlockingQueue<Map<String, Object>> limited = new LinkedBlockingQueue<>();
        BlockingQueue<Map<String, Object>> scoped = new LinkedBlockingQueue<>();
        var subscriptions = List.of(
                subscribe("viewer", null, all),
                subscribe("dongfeng", null, limited),
                subscribe("viewer", "area-c000-0000003", scoped));
        try {
            untilLive(dongfeng, "东风社区党委", List.of(all, limited, scoped));

            // A refused mutation emits nothing; then a change in 城北, then one in 东风.
            var refused = GraphApi.post(
                    port,
                    GraphApi.basic("editor"),
                    "mutation { updatePartyOrganization(input: {id: \"" + chengbei + "\", name: \"\"}) {"
                            + " partyOrganization { id } } }",
                    Map.of());
            assertThat(refused.body()).contains("VALIDATION");
            rename(chengbei, "城北社区党委");
            rename(dongfeng, "东风社区党委");

            var first = all.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.get("kind")).isEqualTo("UPDATED");
            assertThat(first.get("operation")).isEqualTo("updatePartyOrganization");
            assertThat(first.get("user")).isEqualTo("editor");
            assertThat((List<Object>) first.get("ids")).contains(chengbei);
            assertThat(audited((String) first.get("auditId"))).isTrue();
            var second = all.poll(10, TimeUnit.SECONDS);
            assertThat((List<Object>) second.get("ids")).contains(dongfeng);

            // 东风's user and the subscriber with scope 东风: the 东风 change first, nothing of 城北.
            for (var queue : List.of(limited, scoped)) {
                var event = queue.poll(10, TimeUnit.SECONDS);
                assertThat(event).isNotNull();
                assertThat((List<Object>) event.get("ids")).contains(dongfeng).doesNotContain(chengbei);
            }

            // A change whose transaction rolls back emits nothing; the same committed does.
            var caller = new Caller("rollback-test", Set.of(Role.EDITOR));
            var event = new AuditTrail.Event(
                    AuditTrail.Kind.MUTATION,
                    "updatePartyOrganization",
                    null,
                    caller,
                    Map.of(),
                    Set.of(dongfeng),
                    true,
                    null,
                    null);
            var template = new TransactionTemplate(transactions);
            template.executeWithoutResult(status -> {
                trail.recordHere(event);
                status.setRollbackOnly();
            });
            template.executeWithoutResult(status -> trail.recordHere(event));
            var committed = all.poll(10, TimeUnit.SECONDS);
            assertThat(committed).isNotNull();
            assertThat(committed.get("user")).isEqualTo("rollback-test");
            assertThat(audited((String) committed.get("auditId"))).isTrue();
            Thread.sleep(300);
            assertThat(all).as("only the committed one").isEmpty();
        } finally {
            subscriptions.forEach(Disposable::dispose);
        }
    }

    @Test
    void aSubscriptionNeedsAUser() throws Exception {
        var client = WebSocketGraphQlClient.builder(
                        URI.create("ws://127.0.0.1:" + port + "/subscriptions"), new StandardWebSocketClient())
                .build();
        var failure = client.document(SUBSCRIPTION)
                .executeSubscription()
                .take(1)
                .map(r -> "answered")
                .onErrorResume(e -> reactor.core.publisher.Mono.just("refused: " + e.getMessage()))
                .blockFirst(Duration.ofSeconds(20));
        assertThat(failure).startsWith("refused");
    }

    private boolean audited(String id) {
        try (var session = driver.session()) {
            return session.run("MATCH (a:AuditEvent {id: $id}) RETURN count(a) AS n", Map.of("id", id))
                            .single()
                            .get("n")
                            .asLong()
                    == 1;
        }
    }
}

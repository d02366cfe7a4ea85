package org.dangjian.graph.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.BookmarkManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service as a cluster would see it: the driver speaks to the embedded database through a
 * routing URI ({@code neo4j://}, which a cluster answers with readers and a writer), reads are read
 * transactions, and one chain of bookmarks runs through every transaction the service commits.
 */
@IntegrationTest
@SuppressWarnings("unchecked")
class ReadTransactionsIT extends GraphFixture {

    @DynamicPropertySource
    static void routing(DynamicPropertyRegistry registry) throws IOException {
        registry.add("party-graph.neo4j.embedded.routing", () -> "true");
        // a routing table names the advertised address, which must be the real port (not 0)
        try (var socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            registry.add("party-graph.neo4j.embedded.bolt-port", () -> port);
        }
    }

    @Autowired
    BookmarkManager bookmarks;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void outsideATransactionAStatementRunsInAReadTransactionAndAWriteIsRefusedThere() {
        String id = "org-read-" + t;
        assertThatThrownBy(() -> graph.rows(
                        "CREATE (o:Entity:PartyOrganization {id: $id, name: '只读事务'}) RETURN o.id AS id",
                        Map.of("id", id)))
                .hasMessageContaining("read");
        assertThat(GraphApi.count(driver, "MATCH (o:Entity {id: $id}) RETURN count(o) AS n", Map.of("id", id)))
                .isZero();

        // the same statement in a (write) transaction of Spring's is written
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> graph.rows(
                        "CREATE (o:Entity:PartyOrganization {id: $id, name: '只读事务'}) RETURN o.id AS id",
                        Map.of("id", id)));
        assertThat(graph.rows("MATCH (o:Entity {id: $id}) RETURN o.name AS name", Map.of("id", id)))
                .containsExactly(Map.of("name", "只读事务"));
        graph.run("MATCH (o:Entity {id: $id}) DETACH DELETE o", Map.of("id", id));
    }

    @Test
    void everyCommitMovesTheOneChainOfBookmarksAndTheNextReadSeesTheWrite() {
        for (int i = 0; i < 10; i++) {
            var before = new HashSet<>(bookmarks.getBookmarks());
            String name = "读己之写%s-%d".formatted(t, i);
            String id = GraphApi.ok(
                    api,
                    "mutation { createArea(input: {name: \"%s\", kind: COMMUNITY}) { area { id } } }".formatted(name),
                    "createArea.area.id",
                    String.class);
            var afterWrite = new HashSet<>(bookmarks.getBookmarks());
            assertThat(afterWrite)
                    .as("the mutation's commit (Spring's transaction manager) is the chain's last")
                    .isNotEmpty();
            assertThat(afterWrite).isNotEqualTo(before);
            // read at once through GraphQL (read transactions, routed to a reader by a cluster)
            String read = GraphApi.ok(api, "{ area(id: \"%s\") { name } }".formatted(id), "area.name", String.class);
            assertThat(read).isEqualTo(name);
            assertThat((java.util.List<Object>) GraphApi.ok(
                            api,
                            "{ search(text: \"%s\", types: [AREA], first: 50) { node { id } } }".formatted(name),
                            "search[*].node.id",
                            java.util.List.class))
                    .as("the full-text index, read at once")
                    .contains(id);
        }
    }

    @Test
    void theQuestionsAndTheConsoleAnswerThroughTheRoutingDriver() throws Exception {
        assertThat(GraphApi.ok(
                        api,
                        "{ coverage(scope: \"area-c000-0000001\") { total organizational } }",
                        "coverage.total",
                        Integer.class))
                .isPositive();
        var console = GraphApi.post(
                port,
                GraphApi.basic("analyst"),
                "{ cypher(query: \"MATCH (a:Area) RETURN count(a) AS n\") { rows } }",
                Map.of());
        assertThat(console.body()).doesNotContain("errors").contains("rows");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
}

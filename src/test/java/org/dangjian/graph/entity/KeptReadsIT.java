package org.dangjian.graph.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dangjian.graph.entity.GraphApi.ok;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Lookups, pages, search and tie fields are answered from the answers kept until the graph changes:
 * asked again, they cost no statement; after any write (through the API or past it, over Bolt) the
 * next read sees it; and no read that starts after a write has returned sees what was there before,
 * however many readers race the writer. A network is kept whole the same way.
 */
@IntegrationTest
class KeptReadsIT extends GraphFixture {

    @Autowired
    MeterRegistry meters;

    /**
     * Read transactions the database has finished, implicit ones (a statement of its own) included, once no date is being read in the background (a ledger
     * reading a date asked about before is the service's own work, not the question's).
     */
    private double readTransactions() {
        awaitBackgroundReads();
        return meters.find("neo4j.transactions.committed")
                        .tag("kind", "read")
                        .functionCounter()
                        .count()
                + meters.find("neo4j.transactions.rolled_back")
                        .tag("kind", "read")
                        .functionCounter()
                        .count();
    }

    private static final String LOOKUP =
            "query($id: ID!) { partyOrganization(id: $id) { name subordinates { organization { name } } } }";

    private String create(String name) {
        return ok(
                api,
                ("mutation { createPartyOrganization(input: {name: \"%s\", kind: BRANCH, sector: TWO_NEW}) {"
                                + " partyOrganization { id } } }")
                        .formatted(name),
                "createPartyOrganization.partyOrganization.id",
                String.class);
    }

    private String name(String id) {
        return api.document(LOOKUP)
                .variable("id", id)
                .execute()
                .path("partyOrganization.name")
                .entity(String.class)
                .get();
    }

    private void rename(String id, String name) {
        ok(
                api,
                "mutation { updatePartyOrganization(input: {id: \"%s\", name: \"%s\"}) { partyOrganization { id } } }"
                        .formatted(id, name),
                "updatePartyOrganization.partyOrganization.id",
                String.class);
    }

    @Test
    void aReadAskedAgainCostsNoStatementAndEveryWriteIsSeenAtOnce() {
        String id = create("缓存支部" + t);
        assertThat(name(id)).isEqualTo("缓存支部" + t);
        long sent = graph.sentCount();
        assertThat(name(id)).isEqualTo("缓存支部" + t);
        assertThat(graph.sentCount() - sent).as("the lookup asked again").isZero();

        String page =
                "query($n: String!) { partyOrganizations(nameContains: $n, first: 5) { totalCount nodes { name } } }";
        api.document(page).variable("n", "缓存支部" + t).execute();
        sent = graph.sentCount();
        api.document(page)
                .variable("n", "缓存支部" + t)
                .execute()
                .path("partyOrganizations.totalCount")
                .entity(Integer.class)
                .isEqualTo(1);
        assertThat(graph.sentCount() - sent).as("the page asked again").isZero();

        // through the API: the writer reads its own write
        rename(id, "改名支部" + t);
        assertThat(name(id)).isEqualTo("改名支部" + t);
        api.document(page)
                .variable("n", "缓存支部" + t)
                .execute()
                .path("partyOrganizations.totalCount")
                .entity(Integer.class)
                .isEqualTo(0);

        // past the service, over Bolt: seen as well
        cypher("MATCH (o:PartyOrganization {name: '改名支部' + $t}) SET o.name = 'Bolt支部' + $t");
        assertThat(name(id)).isEqualTo("Bolt支部" + t);

        // a tie added over Bolt shows in the nested field of the same lookup
        create("下级支部" + t);
        name(id); // kept again before the tie is added
        cypher("MATCH (s:PartyOrganization {name: '下级支部' + $t}), (o:PartyOrganization {name: 'Bolt支部' + $t})"
                + " CREATE (s)-[:REPORTS_TO {id: 'tie-K' + $t}]->(o)");
        api.document(LOOKUP)
                .variable("id", id)
                .execute()
                .path("partyOrganization.subordinates[*].organization.name")
                .entityList(String.class)
                .containsExactly("下级支部" + t);
    }

    private List<String> networkNames(String id) {
        return api.document("query($id: ID!) { network(rootIds: [$id], depth: 2) { nodes { label } } }")
                .variable("id", id)
                .execute()
                .path("network.nodes[*].label")
                .entityList(String.class)
                .get();
    }

    @Test
    void aNetworkAskedAgainCostsNoStatementAndATieAddedOverBoltIsDrawnNext() {
        String root = create("网络根" + t);
        create("网络子" + t);
        cypher("MATCH (s:PartyOrganization {name: '网络子' + $t}), (o:PartyOrganization {name: '网络根' + $t})"
                + " CREATE (s)-[:REPORTS_TO {id: 'tie-N1' + $t}]->(o)");
        assertThat(networkNames(root)).containsExactlyInAnyOrder("网络根" + t, "网络子" + t);
        long sent = graph.sentCount();
        double transactions = readTransactions();
        assertThat(networkNames(root)).containsExactlyInAnyOrder("网络根" + t, "网络子" + t);
        assertThat(graph.sentCount() - sent)
                .as("statements of the network asked again")
                .isZero();
        assertThat(readTransactions() - transactions)
                .as("transactions of the network asked again")
                .isZero();

        // a tie two levels away, added past the service
        create("网络孙" + t);
        networkNames(root); // kept again before the tie is added
        cypher("MATCH (s:PartyOrganization {name: '网络孙' + $t}), (o:PartyOrganization {name: '网络子' + $t})"
                + " CREATE (s)-[:REPORTS_TO {id: 'tie-N2' + $t}]->(o)");
        assertThat(networkNames(root)).containsExactlyInAnyOrder("网络根" + t, "网络子" + t, "网络孙" + t);
    }

    private Object answer(String document) {
        var response = api.document(document).execute();
        response.errors().verify();
        return response.path("$").entity(Object.class).get();
    }

    @Test
    void theDomainQuestionsAskedAgainCostNoStatementAndNoTransaction() {
        String asOf = "asOf: \"2020-03-01\"";
        for (String question : List.of(
                "{ coverage(scope: \"area-c000-0000002\", " + asOf + ") { total organizational } }",
                "{ compoundCoverage(scope: \"area-c000-0000002\", " + asOf + ") { total } }",
                "{ gridCoverage(scope: \"area-c000-0000002\", " + asOf + ") { total } }",
                "{ statistics(scope: \"area-c000-0000002\", " + asOf + ") { nodes { type count } } }",
                "{ warningSigns(scope: \"area-c000-0000002\", " + asOf + ", first: 5) { totalCount } }",
                "{ weakOrganizationStats(scope: \"area-c000-0000002\", " + asOf
                        + ") { total { demonstrationSites } } }",
                "{ unpairedAreas(scope: \"area-c000-0000002\", " + asOf + ") { partOf } }")) {
            Object first = answer(question);
            long sent = graph.sentCount();
            double transactions = readTransactions();
            assertThat(answer(question)).as(question).isEqualTo(first);
            assertThat(graph.sentCount() - sent)
                    .as("statements of %s asked again", question)
                    .isZero();
            assertThat(readTransactions() - transactions)
                    .as("transactions of %s asked again", question)
                    .isZero();
        }
    }

    @Test
    void noReadThatStartsAfterAWriteReturnedSeesWhatWasThereBefore() throws Exception {
        String id = create("竞速支部" + t);
        int readers = 6;
        int rounds = 8;
        var barrier = new CyclicBarrier(readers + 1);
        var pool = Executors.newFixedThreadPool(readers + 1);
        try {
            for (int round = 0; round < rounds; round++) {
                String before = round == 0 ? "竞速支部" + t : "竞速支部" + t + "-" + (round - 1);
                String after = "竞速支部" + t + "-" + round;
                assertThat(name(id)).isEqualTo(before); // kept before the race
                var written = new AtomicBoolean();
                var stale = new ArrayList<Future<List<String>>>();
                for (int r = 0; r < readers; r++) {
                    stale.add(pool.submit(() -> {
                        barrier.await();
                        var seen = new ArrayList<String>();
                        for (int i = 0; i < 15; i++) {
                            boolean startedAfterWrite = written.get();
                            String n = name(id);
                            if (startedAfterWrite && !n.equals(after)) {
                                seen.add(n);
                            }
                        }
                        return seen;
                    }));
                }
                var writer = pool.submit(() -> {
                    barrier.await();
                    rename(id, after);
                    written.set(true);
                    return null;
                });
                writer.get();
                for (var f : stale) {
                    assertThat(f.get())
                            .as("names read after the write had returned")
                            .isEmpty();
                }
                assertThat(name(id)).isEqualTo(after);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.dangjian.graph.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dangjian.graph.entity.GraphApi.ok;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.Races;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Lookups, pages, search and tie fields are answered from the answers kept until the graph changes:
 * asked again, they cost no statement; after any write (through the API or past it, over Bolt) the
 * next read sees it; and no read that starts after a write has returned sees what was there before,
 * however many readers race the writer. A network is kept whole the same way. A lookup and its tie
 * fields are also kept over the commits that touched nothing they show (another organization's name,
 * a marker node): only a commit that touched the node, a node or unit it shows, or a tie of any of
 * them, or a label of any node, has it read again.
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
        String id = createOrganization("缓存支部" + t);
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
        createOrganization("下级支部" + t);
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

    private static final String WITH_POSTS =
            "query($id: ID!) { partyOrganization(id: $id) { name posts { role onBehalfOf { name } } } }";

    private Object answerOf(String document, String id) {
        var response = api.document(document).variable("id", id).execute();
        response.errors().verify();
        return response.path("partyOrganization").entity(Object.class).get();
    }

    /** Statements sent to the database for a lookup, asked after whatever came before. */
    private long sentFor(String document, String id) {
        long sent = graph.sentCount();
        answerOf(document, id);
        return graph.sentCount() - sent;
    }

    @Test
    void aLookupOutlivesTheCommitsThatTouchedNothingItShowsAndNoOtherOne() {
        String id = createOrganization("长存支部" + t);
        String sub = createOrganization("长存下级" + t);
        String other = createOrganization("别处支部" + t);
        cypher("MATCH (s:PartyOrganization {name: '长存下级' + $t}), (o:PartyOrganization {name: '长存支部' + $t})"
                + " CREATE (s)-[:REPORTS_TO {id: 'tie-L' + $t}]->(o)");
        Object first = answerOf(LOOKUP, id);

        // commits that touched neither the organization, nor what it shows, nor a tie of either
        renameOrganization(other, "别处改名" + t);
        touchGraph();
        cypher("MATCH (o:PartyOrganization {name: '别处改名' + $t}) SET o.note = 'x'");
        long sent = graph.sentCount();
        assertThat(answerOf(LOOKUP, id)).isEqualTo(first);
        assertThat(graph.sentCount() - sent)
                .as("the lookup after commits elsewhere")
                .isZero();

        // the name of a subordinate it shows, changed past the service
        cypher("MATCH (o:PartyOrganization {name: '长存下级' + $t}) SET o.name = '下级改名' + $t");
        api.document(LOOKUP)
                .variable("id", id)
                .execute()
                .path("partyOrganization.subordinates[*].organization.name")
                .entityList(String.class)
                .containsExactly("下级改名" + t);

        // a tie of the subordinate that the lookup does not show still counts as touching it
        assertThat(sentFor(LOOKUP, id)).isZero();
        cypher("MATCH (s:PartyOrganization {name: '下级改名' + $t}), (o:PartyOrganization {name: '别处改名' + $t})"
                + " CREATE (o)-[:REPORTS_TO {id: 'tie-M' + $t}]->(s)");
        assertThat(sentFor(LOOKUP, id)).isPositive();

        // a label given to a node anywhere: its ties may now show elsewhere, read again
        assertThat(sentFor(LOOKUP, id)).isZero();
        cypher("MATCH (o:PartyOrganization {name: '别处改名' + $t}) SET o:Flagged");
        assertThat(sentFor(LOOKUP, id)).isPositive();
        cypher("MATCH (o:PartyOrganization {name: '别处改名' + $t}) REMOVE o:Flagged");
        assertThat(sub).isNotNull();
    }

    @Test
    void aPostShowsTheNewNameOfTheUnitItIsOnBehalfOf() {
        String id = createOrganization("兼职支部" + t);
        cypher("MATCH (o:PartyOrganization {name: '兼职支部' + $t})"
                + " CREATE (:Entity:Unit {id: 'unit-J' + $t, name: '代表单位' + $t, kind: 'ENTERPRISE'})"
                + " CREATE (:Entity:Person {id: 'person-J' + $t, name: 'J'})-[:HOLDS_POST {id: 'tie-J' + $t,"
                + " role: 'PART_TIME_MEMBER', onBehalfOf: 'unit-J' + $t}]->(o)");
        api.document(WITH_POSTS)
                .variable("id", id)
                .execute()
                .path("partyOrganization.posts[0].onBehalfOf.name")
                .entity(String.class)
                .isEqualTo("代表单位" + t);
        assertThat(sentFor(WITH_POSTS, id)).isZero();
        // the unit the post names, renamed past the service: no tie of the organization changed
        cypher("MATCH (u:Unit {id: 'unit-J' + $t}) SET u.name = '单位改名' + $t");
        api.document(WITH_POSTS)
                .variable("id", id)
                .execute()
                .path("partyOrganization.posts[0].onBehalfOf.name")
                .entity(String.class)
                .isEqualTo("单位改名" + t);
    }

    private long total(String page, String name) {
        return api.document(page)
                .variable("n", name)
                .execute()
                .path("partyOrganizations.totalCount")
                .entity(Long.class)
                .get();
    }

    private List<String> found(String text) {
        return api.document("query($q: String!) { search(text: $q, types: [PARTY_ORGANIZATION], first: 50) {"
                        + " node { ... on PartyOrganization { name } } } }")
                .variable("q", text)
                .execute()
                .path("search[*].node.name")
                .entityList(String.class)
                .get();
    }

    @Test
    void aListAndASearchOutliveCommitsToOtherTypesAndSeeEveryOneToTheirOwn() {
        String page =
                "query($n: String!) { partyOrganizations(nameContains: $n, first: 5) { totalCount nodes { name } } }";
        String name = "列表支部" + t;
        createOrganization(name);
        assertThat(total(page, name)).isEqualTo(1);
        // the analyser also matches other organizations' "支部": this test's are among the hits
        assertThat(found(name)).contains(name).doesNotContain(name + "二");

        // a unit and a tie between others: no organization touched
        cypher("CREATE (:Entity:Unit {id: 'unit-P' + $t, name: '列表支部' + $t + '单位', kind: 'ENTERPRISE'})");
        long sent = graph.sentCount();
        assertThat(total(page, name)).isEqualTo(1);
        assertThat(found(name)).contains(name).doesNotContain(name + "二");
        assertThat(graph.sentCount() - sent)
                .as("the list and the search after a unit was created")
                .isZero();

        // an organization created, then one deleted, past the service
        cypher("CREATE (:Entity:PartyOrganization {id: 'org-P' + $t, name: '列表支部' + $t + '二', kind: 'BRANCH'})");
        assertThat(total(page, name)).isEqualTo(2);
        assertThat(found(name)).contains(name, name + "二");
        cypher("MATCH (o:PartyOrganization {id: 'org-P' + $t}) DELETE o");
        assertThat(total(page, name)).isEqualTo(1);
        assertThat(found(name)).contains(name).doesNotContain(name + "二");
        cypher("MATCH (u:Unit {id: 'unit-P' + $t}) DELETE u");
    }

    @Test
    void aCommitThatTouchedTooMuchToListHasEveryLookupReadAgain() {
        String id = createOrganization("大提交支部" + t);
        answerOf(LOOKUP, id);
        assertThat(sentFor(LOOKUP, id)).isZero();
        // more nodes than a commit is remembered by (GraphVersion.MOST_TOUCHED), none of them shown
        cypher("UNWIND range(1, 5001) AS i CREATE (:BulkMarker {t: $t})");
        assertThat(sentFor(LOOKUP, id)).isPositive();
        cypher("MATCH (m:BulkMarker {t: $t}) DELETE m");
    }

    @Test
    void aNodeWhoseIdIsTakenAwayIsNoLongerFoundUnderIt() {
        String id = createOrganization("无号支部" + t);
        assertThat(name(id)).isEqualTo("无号支部" + t);
        cypher("MATCH (o:PartyOrganization {name: '无号支部' + $t}) REMOVE o.id");
        api.document(LOOKUP)
                .variable("id", id)
                .execute()
                .path("partyOrganization")
                .valueIsNull();
        cypher("MATCH (o:PartyOrganization {name: '无号支部' + $t}) DETACH DELETE o");
    }

    /**
     * Readers race writers that change what a kept lookup shows (its subordinate's name) and writers
     * that change other organizations (whose commits carry the lookup over): a read that starts after
     * a write to the subordinate returned sees it.
     */
    @Test
    void noLookupCarriedOverACommitMissesAWriteToWhatItShows() throws Exception {
        String id = createOrganization("竞速上级" + t);
        String sub = createOrganization("竞速下级" + t);
        String other = createOrganization("竞速别处" + t);
        cypher("MATCH (s:PartyOrganization {name: '竞速下级' + $t}), (o:PartyOrganization {name: '竞速上级' + $t})"
                + " CREATE (s)-[:REPORTS_TO {id: 'tie-R' + $t}]->(o)");
        for (int round = 0; round < 6; round++) {
            String after = "竞速下级" + t + "-" + round;
            answerOf(LOOKUP, id); // kept before the race
            int r0 = round;
            assertThat(race(
                            5,
                            () -> api.document(LOOKUP)
                                    .variable("id", id)
                                    .execute()
                                    .path("partyOrganization.subordinates[*].organization.name")
                                    .entityList(String.class)
                                    .get(),
                            List.of(after),
                            () -> renameOrganization(sub, after),
                            () -> {
                                for (int i = 0; i < 4; i++) {
                                    renameOrganization(other, "竞速别处" + t + "-" + r0 + "-" + i);
                                }
                            }))
                    .as("subordinates read after the write had returned")
                    .isEmpty();
        }
    }

    /** What readers racing the write read, having started after it returned, that was not {@code after}. */
    private List<Object> race(
            int readers, java.util.concurrent.Callable<Object> read, Object after, Runnable write, Runnable elsewhere)
            throws Exception {
        return Races.staleReads(readers, read, after::equals, write, elsewhere);
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
        String root = createOrganization("网络根" + t);
        createOrganization("网络子" + t);
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
        createOrganization("网络孙" + t);
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
        String id = createOrganization("竞速支部" + t);
        for (int round = 0; round < 8; round++) {
            String before = round == 0 ? "竞速支部" + t : "竞速支部" + t + "-" + (round - 1);
            String after = "竞速支部" + t + "-" + round;
            assertThat(name(id)).isEqualTo(before); // kept before the race
            assertThat(race(6, () -> name(id), after, () -> rename(id, after), null))
                    .as("names read after the write had returned")
                    .isEmpty();
            assertThat(name(id)).isEqualTo(after);
        }
    }
}

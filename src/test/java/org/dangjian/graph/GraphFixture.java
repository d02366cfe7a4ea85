package org.dangjian.graph;

import java.util.Map;
import java.util.UUID;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.database.KeptByDate;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.BeforeEach;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * What the feature tests share: the GraphQL tester (patient, as an editor), the driver, the statement
 * counter, and a tag {@code t} fresh for each test, so that each test's own nodes ({@code 'org-P' + $t})
 * never meet another's in the shared database.
 */
public abstract class GraphFixture {

    @Autowired
    protected HttpGraphQlTester graphQl;

    @Autowired
    protected Driver driver;

    @Autowired
    protected Graph graph;

    protected HttpGraphQlTester api;
    protected String t;

    @BeforeEach
    void connect() {
        api = GraphApi.patient(graphQl);
        t = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a branch (a two-new organization) through the API, as an editor; its id. */
    protected String createOrganization(String name) {
        return api.document("mutation($name: String!) { createPartyOrganization(input: {name: $name, kind: BRANCH,"
                        + " sector: TWO_NEW}) { partyOrganization { id } } }")
                .variable("name", name)
                .execute()
                .errors()
                .verify()
                .path("createPartyOrganization.partyOrganization.id")
                .entity(String.class)
                .get();
    }

    /** Renames a Party organization through the API, as an editor; fails the test on an error. */
    protected void renameOrganization(String id, String name) {
        api.document("mutation($id: ID!, $name: String!) {"
                        + " updatePartyOrganization(input: {id: $id, name: $name}) { partyOrganization { id } } }")
                .variable("id", id)
                .variable("name", name)
                .execute()
                .errors()
                .verify();
    }

    /** Runs Cypher with {@code $t} bound to this test's tag. */
    protected void cypher(String statement) {
        try (var session = driver.session()) {
            session.run(statement, Map.of("t", t));
        }
    }

    /**
     * A commit that leaves the graph as it was: the graph's version moves, so the next question is
     * computed again, unless it is about some nodes only (a lookup, tie fields), which a commit that
     * touched none of them leaves kept.
     */
    protected void touchGraph() {
        cypher("CREATE (:BenchMarker {t: $t}) WITH 1 AS x MATCH (m:BenchMarker {t: $t}) DELETE m");
    }

    /** Waits, up to 60 s, until no date is being read in the background ({@link KeptByDate#awaitBackground}). */
    protected static void awaitBackgroundReads() {
        try {
            org.assertj.core.api.Assertions.assertThat(KeptByDate.awaitBackground(java.time.Duration.ofSeconds(60)))
                    .as("background reads finished")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.dangjian.graph.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * One scope is one set of organizations, units and areas, whichever question asks: statistics,
 * coverage, co-building, weak organizations and warning signs all include the same definition
 * ({@code cypher/fragments/scope.cypher}), and this test holds them to it on the sample graph, for a
 * town, a big community and a big-community committee.
 */
@IntegrationTest
class ScopeConsistencyIT {

    static final String AS_OF = "2020-03-01";
    static final List<String> ALL_UNIT_KINDS = List.of(
            "GOVERNMENT_ORGAN",
            "PUBLIC_INSTITUTION",
            "STATE_OWNED_ENTERPRISE",
            "NON_PUBLIC_ENTERPRISE",
            "SOCIAL_ORGANIZATION",
            "PROPERTY_COMPANY",
            "OWNERS_COMMITTEE");

    @Autowired
    HttpGraphQlTester graphQl;

    HttpGraphQlTester admin() {
        return GraphApi.patient(graphQl);
    }

    String idOf(String query, String path) {
        return GraphApi.ok(admin(), query, path, String.class);
    }

    @SuppressWarnings("unchecked")
    Set<String> named(String name, String scope) {
        List<List<Object>> rows = admin()
                .document("query($n: String!, $p: JSON) { runNamedQuery(name: $n, parameters: $p, limit: 1) { rows } }")
                .variable("n", name)
                .variable("p", Map.of("scope", scope, "asOf", AS_OF))
                .execute()
                .errors()
                .verify()
                .path("runNamedQuery.rows")
                .entityList(List.class)
                .get()
                .stream()
                .map(r -> (List<Object>) r)
                .toList();
        return new HashSet<>((List<String>) rows.getFirst().getFirst());
    }

    @SuppressWarnings("unchecked")
    long statisticsCount(String scope, String type) {
        List<Map<String, Object>> nodes = admin()
                .document("query($s: ID!) { statistics(scope: $s, asOf: \"" + AS_OF + "\") { nodes { type count } } }")
                .variable("s", scope)
                .execute()
                .errors()
                .verify()
                .path("statistics.nodes")
                .entityList(Map.class)
                .get()
                .stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        return nodes.stream()
                .filter(n -> type.equals(n.get("type")))
                .mapToLong(n -> ((Number) n.get("count")).longValue())
                .sum();
    }

    String scope(String which) {
        return switch (which) {
            case "town" ->
                idOf("{ areas(kinds: [TOWN], first: 1, orderBy: NAME_ASC) { nodes { id } } }", "areas.nodes[0].id");
            case "bigCommunity" ->
                idOf(
                        "{ areas(kinds: [BIG_COMMUNITY], nameContains: \"城北\", first: 1) { nodes { id } } }",
                        "areas.nodes[0].id");
            default ->
                idOf(
                        "{ partyOrganizations(nameContains: \"城北大社区党委\", first: 1) { nodes { id } } }",
                        "partyOrganizations.nodes[0].id");
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"town", "bigCommunity", "committee"})
    @SuppressWarnings("unchecked")
    void everyQuestionSeesTheSameScope(String which) {
        String scope = scope(which);
        Set<String> organizations = named("scope-organizations", scope);
        Set<String> areas = named("scope-areas", scope);
        assertThat(organizations).as("organizations of " + which).isNotEmpty();
        assertThat(areas).as("areas of " + which).isNotEmpty();

        // statistics counts exactly those organizations and areas
        assertThat(statisticsCount(scope, "PARTY_ORGANIZATION")).isEqualTo(organizations.size());
        assertThat(statisticsCount(scope, "AREA")).isEqualTo(areas.size());

        // coverage over every kind of unit counts the units statistics counts
        long coverageTotal = admin().document(
                        "query($s: ID, $k: [UnitKind!]) { coverage(scope: $s, unitKinds: $k, asOf: \"" + AS_OF
                                + "\") { total } }")
                .variable("s", scope)
                .variable("k", ALL_UNIT_KINDS)
                .execute()
                .errors()
                .verify()
                .path("coverage.total")
                .entity(Long.class)
                .get();
        assertThat(coverageTotal).isEqualTo(statisticsCount(scope, "UNIT"));

        // weak organizations of the scope are exactly those of the whole graph that lie inside it
        var inScope = weakOrganizations(scope);
        var everywhere = weakOrganizations(null);
        assertThat(inScope)
                .isEqualTo(everywhere.stream().filter(organizations::contains).toList());

        // warning signs name only organizations inside the scope
        List<String> warned = admin().document("query($s: ID) { warningSigns(scope: $s, asOf: \"" + AS_OF
                        + "\", first: 500) { nodes { organization { id } } } }")
                .variable("s", scope)
                .execute()
                .errors()
                .verify()
                .path("warningSigns.nodes[*].organization.id")
                .entityList(String.class)
                .get();
        assertThat(organizations).containsAll(warned);

        // co-building: the unpaired communities of the scope are areas of the scope
        List<String> unpaired = admin().document(
                        "query($s: ID) { unpairedAreas(scope: $s, asOf: \"" + AS_OF + "\") { area { id } } }")
                .variable("s", scope)
                .execute()
                .errors()
                .verify()
                .path("unpairedAreas[*].area.id")
                .entityList(String.class)
                .get();
        assertThat(areas).containsAll(unpaired);
    }

    List<String> weakOrganizations(String scope) {
        return admin()
                .document("query($s: ID) { weakOrganizations(scope: $s, asOf: \"" + AS_OF
                        + "\") { organization { id } } }")
                .variable("s", scope)
                .execute()
                .errors()
                .verify()
                .path("weakOrganizations[*].organization.id")
                .entityList(String.class)
                .get()
                .stream()
                .sorted()
                .toList();
    }
}

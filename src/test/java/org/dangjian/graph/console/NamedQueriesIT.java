package org.dangjian.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.dangjian.graph.queries.CypherCatalogue;
import org.dangjian.graph.queries.NamedQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.json.JsonMapper;

/** Every file of {@code cypher/queries/} runs on the sample graph with its example parameters and returns rows. */
@IntegrationTest
class NamedQueriesIT {

    @Autowired
    HttpGraphQlTester graphQl;

    @Autowired
    CypherCatalogue catalogue;

    @Test
    void theLibraryListsItsQueriesWithTheirHeaders() {
        var api = GraphApi.patient(graphQl);
        var names = api.document(
                        "{ namedQueries { name title titleZh description parameters { name type required example } } }")
                .execute()
                .path("namedQueries[*].name")
                .entityList(String.class)
                .get();
        assertThat(names).contains("coverage", "statistics", "compound-coverage", "grid-coverage");
        assertThat(names).hasSizeGreaterThanOrEqualTo(20);
        for (NamedQuery q : catalogue.all()) {
            assertThat(q.title()).as(q.name()).isNotBlank();
            assertThat(q.titleZh()).as(q.name()).isNotBlank();
            assertThat(q.description()).as(q.name()).isNotBlank();
            q.parameters()
                    .forEach(p -> assertThat(p.example())
                            .as(q.name() + " $" + p.name())
                            .isNotNull());
        }
    }

    @Test
    void everyNamedQueryRunsOnTheSampleWithItsExamplesAndReturnsRows() {
        var api = GraphApi.patient(graphQl);
        var json = JsonMapper.builder().build();
        for (NamedQuery q : catalogue.all()) {
            Map<String, Object> params = new LinkedHashMap<>();
            for (var p : q.parameters()) {
                params.put(p.name(), example(json, p.example()));
            }
            var rows = api.document(
                            "query($n: String!, $p: JSON) { runNamedQuery(name: $n, parameters: $p, limit: 50) { rows } }")
                    .variable("n", q.name())
                    .variable("p", params)
                    .execute()
                    .path("runNamedQuery.rows")
                    .entityList(Object.class)
                    .get();
            assertThat(rows).as(q.name()).isNotEmpty();
        }
    }

    @Test
    void missingRequiredParametersAreNamed() {
        GraphApi.patient(graphQl)
                .document("{ runNamedQuery(name: \"members-by-organization\") { rows } }")
                .execute()
                .errors()
                .expect(e -> "VALIDATION".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("organization"))
                .verify();
        GraphApi.patient(graphQl)
                .document("{ runNamedQuery(name: \"no-such-query\") { rows } }")
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
    }

    static Object example(JsonMapper json, String example) {
        if (example.equals("null")) {
            return null;
        }
        if (example.equals("true") || example.equals("false")) {
            return Boolean.parseBoolean(example);
        }
        if (example.startsWith("[") || example.startsWith("{")) {
            return json.readValue(example, Object.class);
        }
        if (example.matches("-?\\d+")) {
            return Long.parseLong(example);
        }
        if (example.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(example);
        }
        return example;
    }
}

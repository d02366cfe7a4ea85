package org.dangjian.graph.api;

import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@IntegrationTest
class QueryLimitsIT {

    static final String AREA_FIELDS = "id name kind code population areaKm2";

    @Autowired
    HttpGraphQlTester graphQl;

    /** {@code areas { nodes { parts { area { … } } } } } nested the given number of times. */
    static String nested(int levels, String leaf) {
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            open.append(" parts { since until active area { ").append(AREA_FIELDS);
            close.append(" } }");
        }
        return "areas(first: 1) { nodes { " + AREA_FIELDS + open + " " + leaf + close + " } }";
    }

    @Test
    void aQueryDeeperThanTheLimitIsRefused() {
        // 2 + 2 x 7 + 1 levels: deeper than 15
        GraphApi.patient(graphQl)
                .document("{ " + nested(7, "name") + " }")
                .execute()
                .errors()
                .expect(e -> e.getMessage().toLowerCase().contains("depth"))
                .verify();
        GraphApi.patient(graphQl)
                .document("{ " + nested(5, "name") + " }")
                .execute()
                .errors()
                .verify();
    }

    @Test
    void tooManyAliasesOrOperationsAreRefused() {
        var aliases = new StringBuilder("{");
        for (int i = 0; i < 31; i++) {
            aliases.append(" a").append(i).append(": areas(first: 1) { totalCount }");
        }
        GraphApi.patient(graphQl)
                .document(aliases + " }")
                .execute()
                .errors()
                .expect(e -> "LIMIT".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("aliased"))
                .verify();
        var operations = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            operations.append(" query q").append(i).append(" { areas(first: 1) { totalCount } }");
        }
        GraphApi.patient(graphQl)
                .document(operations.toString())
                .operationName("q0")
                .execute()
                .errors()
                .expect(e -> "LIMIT".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("operations"))
                .verify();
    }

    @Test
    void aComplexQueryBeyondTheLimitIsRefused() {
        var query = new StringBuilder("{");
        for (int i = 0; i < 25; i++) {
            query.append(" q").append(i).append(": ").append(nested(3, "name"));
        }
        // 25 aliases pass the alias limit; 25 x 41 fields exceed the complexity limit of 1000.
        GraphApi.patient(graphQl)
                .document(query + " }")
                .execute()
                .errors()
                .expect(e -> e.getMessage().toLowerCase().contains("complexity"))
                .verify();
    }

    @Test
    void everyListHasTheSamePageBound() {
        var lists = java.util.List.of(
                "persons(first: %d) { totalCount }",
                "search(text: \"社区\", first: %d) { score }",
                "auditEvents(first: %d) { totalCount }",
                "bridges(first: %d) { communities }",
                "warningSigns(first: %d) { totalCount }");
        for (String list : lists) {
            for (int first : new int[] {-1, 501}) {
                GraphApi.patient(graphQl)
                        .document("{ " + list.formatted(first) + " }")
                        .execute()
                        .errors()
                        .expect(e -> "VALIDATION".equals(e.getExtensions().get("code"))
                                && e.getMessage().contains("between 0 and 500"))
                        .verify();
            }
            GraphApi.patient(graphQl)
                    .document("{ " + list.formatted(500) + " }")
                    .execute()
                    .errors()
                    .verify();
        }
    }
}

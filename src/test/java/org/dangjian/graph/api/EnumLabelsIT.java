package org.dangjian.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Every enum value of the schema has a Chinese label, read from its description. */
@IntegrationTest
class EnumLabelsIT {

    @Autowired
    HttpGraphQlTester graphQl;

    @Test
    @SuppressWarnings("unchecked")
    void everyEnumValueHasAChineseLabel() {
        List<Map<String, Object>> enums = GraphApi.as(graphQl, "viewer")
                .document("{ enumLabels { name label values { value label } } }")
                .execute()
                .errors()
                .verify()
                .path("enumLabels")
                .entityList(Map.class)
                .get()
                .stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        assertThat(enums).hasSizeGreaterThan(10);
        for (var e : enums) {
            for (var v : (List<Map<String, Object>>) e.get("values")) {
                assertThat((String) v.get("label"))
                        .as(e.get("name") + "." + v.get("value"))
                        .isNotEqualTo(v.get("value"))
                        .containsPattern("\\p{IsHan}");
            }
        }
    }

    @Test
    void labelsAreTheChinesePartOfTheDescription() {
        GraphApi.as(graphQl, "viewer")
                .document("{ enumLabels(names: [\"UnitKind\", \"NodeType\"]) { name label values { value label } } }")
                .execute()
                .errors()
                .verify()
                .path("enumLabels[?(@.name == 'UnitKind')].values[0].label")
                .entityList(String.class)
                .containsExactly("机关单位")
                .path("enumLabels[?(@.name == 'UnitKind')].label")
                .entityList(String.class)
                .containsExactly("单位类别")
                .path("enumLabels[?(@.name == 'NodeType')].values[0].label")
                .entityList(String.class)
                .containsExactly("区域");
    }
}

package org.dangjian.graph.api;

import graphql.schema.GraphQLEnumType;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Controller;

/**
 * {@code enumLabels}: the Chinese label of every enum value, read from the schema's own descriptions
 * ({@code "Government organ (机关单位)"} gives 机关单位; a description in Chinese alone is the label),
 * so that the labels live in one place, the SDL, for the pages and every client.
 */
@Controller
class EnumLabelsController {

    record EnumLabels(String name, String label, List<EnumValueLabel> values) {}

    record EnumValueLabel(String value, String label, String description) {}

    private final GraphQlSource source;

    EnumLabelsController(GraphQlSource source) {
        this.source = source;
    }

    @QueryMapping
    List<EnumLabels> enumLabels(@Argument List<String> names) {
        return source.schema().getAllTypesAsList().stream()
                .filter(t -> t instanceof GraphQLEnumType && !t.getName().startsWith("__"))
                .map(t -> (GraphQLEnumType) t)
                .filter(t -> names == null || names.contains(t.getName()))
                .map(t -> new EnumLabels(
                        t.getName(),
                        label(t.getDescription(), null),
                        t.getValues().stream()
                                .map(v -> new EnumValueLabel(
                                        v.getName(), label(v.getDescription(), v.getName()), v.getDescription()))
                                .toList()))
                .toList();
    }

    static String label(String description, String fallback) {
        return org.dangjian.graph.model.Labels.chinese(description, fallback);
    }
}

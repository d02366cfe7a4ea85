package org.dangjian.graph.api;

import graphql.schema.GraphQLEnumType;
import java.util.List;
import java.util.regex.Pattern;
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

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

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

    /**
     * The label in a description: the last outermost bracketed part (ASCII or full-width brackets,
     * nested ones kept) that holds Chinese, e.g. 隶属关系（上级党组织） in {@code "Leadership line (隶属关系（上级
     * 党组织）): (PartyOrganization)-[:REPORTS_TO]->…"}; the whole description when it has none.
     */
    static String label(String description, String fallback) {
        if (description == null || description.isBlank()) {
            return fallback;
        }
        String text = description.strip();
        String found = null;
        int depth = 0;
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '（') {
                if (depth++ == 0) {
                    start = i + 1;
                }
            } else if ((c == ')' || c == '）') && depth > 0 && --depth == 0) {
                String inside = text.substring(start, i).strip();
                if (HAN.matcher(inside).find()) {
                    found = inside;
                }
            }
        }
        return found != null ? found : text;
    }
}

package org.dangjian.graph.model;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDL in {@code schema/} and the {@link GraphModel} name the same types, fields and ties. */
class GraphModelTests {

    static TypeDefinitionRegistry registry;

    @BeforeAll
    static void parse() throws IOException {
        registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(Path.of("schema"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".graphqls")).toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(f)));
            }
        }
    }

    private static ObjectTypeDefinition type(String name) {
        return registry.getTypeOrNull(name, ObjectTypeDefinition.class);
    }

    private static boolean hasField(String type, String field) {
        return type(type).getFieldDefinitions().stream()
                .map(FieldDefinition::getName)
                .anyMatch(field::equals);
    }

    @Test
    void everyNodeTypeAndPropertyIsInTheSchema() {
        for (NodeType node : GraphModel.nodeTypes()) {
            assertThat(type(node.label())).as(node.label()).isNotNull();
            for (Property p : node.properties()) {
                assertThat(hasField(node.label(), p.name()))
                        .as(node.label() + "." + p.name())
                        .isTrue();
            }
        }
    }

    @Test
    void everyTieTypeHasItsTypeEndsAndFieldsOnBothSides() {
        for (TieType tie : GraphModel.tieTypes()) {
            assertThat(type(tie.name())).as(tie.name()).isNotNull();
            assertThat(hasField(tie.name(), tie.fromName()))
                    .as(tie.name() + "." + tie.fromName())
                    .isTrue();
            assertThat(hasField(tie.name(), tie.toName()))
                    .as(tie.name() + "." + tie.toName())
                    .isTrue();
            tie.fromLabels()
                    .forEach(l -> assertThat(hasField(l, tie.outField()))
                            .as(l + "." + tie.outField())
                            .isTrue());
            tie.toLabels()
                    .forEach(l -> assertThat(hasField(l, tie.inField()))
                            .as(l + "." + tie.inField())
                            .isTrue());
        }
    }

    @Test
    void everyTypeFieldAndEnumValueIsDescribed() {
        registry.types().values().forEach(t -> {
            assertThat(((graphql.language.AbstractDescribedNode<?>) t).getDescription())
                    .as("description of " + t.getName())
                    .isNotNull();
            if (t instanceof ObjectTypeDefinition o) {
                o.getFieldDefinitions()
                        .forEach(f -> assertThat(f.getDescription())
                                .as(t.getName() + "." + f.getName())
                                .isNotNull());
            }
            if (t instanceof graphql.language.EnumTypeDefinition e) {
                e.getEnumValueDefinitions()
                        .forEach(v -> assertThat(v.getDescription())
                                .as(t.getName() + "." + v.getName())
                                .isNotNull());
            }
        });
    }

    @Test
    void idPrefixesAreDistinct() {
        assertThat(GraphModel.nodeTypes().stream()
                        .map(NodeType::idPrefix)
                        .distinct()
                        .count())
                .isEqualTo(GraphModel.nodeTypes().size());
    }

    /** Java enums that mirror an SDL enum hold the same values, in the same order. */
    @Test
    void javaEnumsAgreeWithTheSchema() {
        var mirrors = java.util.Map.<String, Class<? extends Enum<?>>>of(
                "UnitKind", UnitKind.class,
                "CoverageGrouping", org.dangjian.graph.coverage.CoverageGrouping.class);
        mirrors.forEach((name, type) -> {
            var values =
                    registry
                            .getTypeOrNull(name, graphql.language.EnumTypeDefinition.class)
                            .getEnumValueDefinitions()
                            .stream()
                            .map(graphql.language.EnumValueDefinition::getName)
                            .toList();
            assertThat(java.util.Arrays.stream(type.getEnumConstants())
                            .map(Enum::name)
                            .toList())
                    .as(name)
                    .isEqualTo(values);
        });
    }
}

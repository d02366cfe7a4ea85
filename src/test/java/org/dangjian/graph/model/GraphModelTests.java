package org.dangjian.graph.model;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link GraphModel} read from the SDL's directives, the completed SDL it serves, and the migrations
 * that index it.
 */
class GraphModelTests {

    static TypeDefinitionRegistry registry;

    @BeforeAll
    static void parse() {
        registry = SchemaModel.parse();
        GraphModel.completeSchema(registry);
    }

    @Test
    void readsNodeTypesPropertiesAndTieKindsFromTheDirectives() {
        assertThat(GraphModel.nodeTypes()).hasSize(13);
        assertThat(GraphModel.tieTypes()).hasSize(30);
        var person = GraphModel.nodeType("Person");
        assertThat(person.idPrefix()).isEqualTo("person");
        assertThat(person.properties().stream().filter(Property::personal).map(Property::name))
                .containsExactly("birthDate", "phone", "idNumber", "address");
        assertThat(GraphModel.nodeType("PartyOrganization").property("code").orElseThrow())
                .isEqualTo(new Property("code", PropertyType.STRING, false, true, false, "组织代码", null));
        assertThat(GraphModel.nodeType("Unit").property("kind").orElseThrow().enumType())
                .isEqualTo("UnitKind");
        assertThat(GraphModel.enumLabels("UnitKind")).containsEntry("GOVERNMENT_ORGAN", "机关单位");
        assertThat(GraphModel.chineseName(GraphModel.nodeType("PartyOrganization")))
                .isEqualTo("党组织");
        assertThat(GraphModel.chineseName(GraphModel.tieType("MEMBERSHIP"))).isEqualTo("党员组织关系");
        assertThat(GraphModel.nodeType("PartyOrganization")
                        .property("name")
                        .orElseThrow()
                        .required())
                .isTrue();
        assertThat(GraphModel.nodeType("Project").property("signedRate"))
                .as("@derived")
                .isEmpty();
        assertThat(GraphModel.nodeType("Designation").editable()).isFalse();
        assertThat(GraphModel.nodeType("Designation")
                        .property("reasons")
                        .orElseThrow()
                        .type())
                .isEqualTo(PropertyType.STRING_LIST);

        var post = GraphModel.tieType("POST");
        assertThat(post.relType()).isEqualTo("HOLDS_POST");
        assertThat(post.refs()).isEqualTo(java.util.Map.of("onBehalfOf", "Unit"));
        assertThat(post.properties().stream().filter(Property::required).map(Property::name))
                .containsExactly("role");
        var pairing = GraphModel.tieType("PAIRING");
        assertThat(pairing.fromLabels()).containsExactlyInAnyOrder("Unit", "PartyOrganization");
        assertThat(pairing.toLabels()).containsExactlyInAnyOrder("Area", "PartyOrganization");
        assertThat(GraphModel.tieTypes().stream().filter(TieType::acyclic).map(TieType::kind))
                .containsExactly("REPORTING_LINE", "MANAGEMENT", "AREA_INCLUSION");
        assertThat(GraphModel.tieTypes().stream().filter(t -> !t.addable()).map(TieType::kind))
                .containsExactly("DESIGNATION", "RECTIFICATION", "SUPPORT", "LEADERSHIP");
    }

    @Test
    void completesEachTieTypeTieKindAndTheListFieldsOnTheEnds() {
        var values =
                registry
                        .getTypeOrNull("TieKind", graphql.language.EnumTypeDefinition.class)
                        .getEnumValueDefinitions()
                        .stream()
                        .map(graphql.language.EnumValueDefinition::getName)
                        .toList();
        assertThat(values)
                .isEqualTo(GraphModel.tieTypes().stream().map(TieType::kind).toList());
        for (TieType tie : GraphModel.tieTypes()) {
            for (String f : new String[] {"id", "tieKind", "since", "until", "active"}) {
                assertThat(hasField(tie.name(), f)).as(tie.name() + "." + f).isTrue();
            }
            var out = type(tie.fromLabels().iterator().next()).getFieldDefinitions().stream()
                    .filter(f -> f.getName().equals(tie.outField()))
                    .findFirst()
                    .orElseThrow();
            assertThat(out.getInputValueDefinitions().stream().map(graphql.language.InputValueDefinition::getName))
                    .containsExactly("asOf", "includeEnded");
        }
        // The completed SDL builds a schema.
        assertThat(graphql.schema.idl.UnExecutableSchemaGenerator.makeUnExecutableSchema(registry)
                        .getObjectType("ReportingLine"))
                .isNotNull();
    }

    /** The migrations give every node type its id constraint, every unique property and tie id its index. */
    @Test
    void theMigrationsIndexWhatTheModelDeclares() throws IOException {
        var text = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of("cypher/migrations"))) {
            for (Path f : files.sorted().toList()) {
                text.append(Files.readString(f)).append('\n');
            }
        }
        String all = text.toString();
        for (NodeType node : GraphModel.nodeTypes()) {
            assertThat(all).as(node.label() + " id").contains("FOR (n:" + node.label() + ") REQUIRE n.id IS UNIQUE");
            assertThat(all).as(node.label() + " name").contains("FOR (n:" + node.label() + ") ON (n.name)");
            node.properties().stream()
                    .filter(Property::unique)
                    .forEach(p -> assertThat(all)
                            .as(node.label() + "." + p.name())
                            .contains("FOR (n:" + node.label() + ") REQUIRE n." + p.name() + " IS UNIQUE"));
        }
        for (TieType tie : GraphModel.tieTypes()) {
            assertThat(all).as(tie.kind()).contains("FOR ()-[r:" + tie.relType() + "]-() ON (r.id)");
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

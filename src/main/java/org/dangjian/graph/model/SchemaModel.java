package org.dangjian.graph.model;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the graph model from the SDL in {@code schema/}: object types marked {@code @node} are node
 * types, those marked {@code @tie} are tie kinds (see {@code schema/model.graphqls}). It also completes
 * the SDL for the service: the fields every tie has, the tie list fields on the types at each end, and
 * the values of {@code TieKind}, so that a new tie kind is one type in {@code schema/ties.graphqls}.
 */
public final class SchemaModel {

    /** Where the SDL lies on the class path (the build copies {@code schema/} there). */
    public static final String LOCATION = "classpath*:schema/*.graphqls";

    private static final Set<String> TIE_FIELDS = Set.of("id", "tieKind", "since", "until", "active");

    private final TypeDefinitionRegistry registry;
    private final Map<String, NodeType> nodes = new LinkedHashMap<>();
    private final Map<String, TieType> ties = new LinkedHashMap<>();
    private final Map<String, String> tieDescriptions = new LinkedHashMap<>();

    private SchemaModel(TypeDefinitionRegistry registry) {
        this.registry = registry;
        readNodes();
        readTies();
    }

    /** The model of the SDL on the class path. */
    public static SchemaModel load() {
        return new SchemaModel(parse());
    }

    /** The SDL files on the class path, parsed and merged in the order of their names. */
    public static TypeDefinitionRegistry parse() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
            var registry = new TypeDefinitionRegistry();
            for (Resource resource : resources) {
                registry.merge(new SchemaParser().parse(resource.getContentAsString(StandardCharsets.UTF_8)));
            }
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the SDL at " + LOCATION, e);
        }
    }

    String tieDescription(String kind) {
        return tieDescriptions.get(kind);
    }

    Map<String, NodeType> nodes() {
        return nodes;
    }

    Map<String, TieType> ties() {
        return ties;
    }

    private void readNodes() {
        // In the order of the NodeType enum, which must name every node type.
        List<String> order =
                registry.getTypeOrNull("NodeType", EnumTypeDefinition.class).getEnumValueDefinitions().stream()
                        .map(EnumValueDefinition::getName)
                        .toList();
        var found = new LinkedHashMap<String, NodeType>();
        for (var type : registry.getTypes(ObjectTypeDefinition.class)) {
            Directive node = type.getDirectives("node").stream().findFirst().orElse(null);
            if (node == null) {
                continue;
            }
            var properties = type.getFieldDefinitions().stream()
                    .filter(f -> f.getInputValueDefinitions().isEmpty()
                            && !f.getName().equals("id")
                            && !f.hasDirective("derived"))
                    .map(f -> property(type.getName(), f, !(f.getType() instanceof NonNullType)))
                    .filter(p -> p != null)
                    .toList();
            found.put(
                    type.getName(),
                    new NodeType(type.getName(), string(node, "idPrefix"), properties, bool(node, "editable", true)));
        }
        for (String value : order) {
            String label = GraphModel.labelOf(value, found.keySet());
            if (label == null) {
                throw new IllegalStateException("NodeType." + value + " names no type marked @node");
            }
            nodes.put(label, found.remove(label));
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException("Types marked @node without a NodeType value: " + found.keySet());
        }
    }

    private void readTies() {
        for (var type : registry.getTypes(ObjectTypeDefinition.class)) {
            Directive tie = type.getDirectives("tie").stream().findFirst().orElse(null);
            if (tie == null) {
                continue;
            }
            String fromName = null;
            String toName = null;
            Set<String> from = null;
            Set<String> to = null;
            var properties = new ArrayList<Property>();
            var refs = new LinkedHashMap<String, String>();
            for (FieldDefinition f : type.getFieldDefinitions()) {
                if (f.hasDirective("from")) {
                    fromName = f.getName();
                    from = ends(type.getName(), f, "from");
                } else if (f.hasDirective("to")) {
                    toName = f.getName();
                    to = ends(type.getName(), f, "to");
                } else if (nodes.containsKey(typeName(f.getType()))) {
                    refs.put(f.getName(), typeName(f.getType()));
                    properties.add(new Property(f.getName(), PropertyType.STRING, false, false, false, label(f), null));
                } else {
                    properties.add(property(type.getName(), f, !f.hasDirective("required")));
                }
            }
            if (fromName == null || toName == null) {
                throw new IllegalStateException(
                        type.getName() + " is marked @tie but lacks a field marked @from or @to");
            }
            String kind = string(tie, "kind");
            ties.put(
                    kind,
                    new TieType(
                            kind,
                            type.getName(),
                            string(tie, "type"),
                            from,
                            to,
                            fromName,
                            toName,
                            string(tie, "outField"),
                            string(tie, "inField"),
                            List.copyOf(properties),
                            Map.copyOf(refs),
                            bool(tie, "addable", true),
                            bool(tie, "acyclic", false)));
            tieDescriptions.put(
                    kind,
                    type.getDescription() == null
                            ? kind
                            : type.getDescription().getContent().strip());
        }
    }

    private Set<String> ends(String tie, FieldDefinition field, String directive) {
        Directive d = field.getDirectives(directive).getFirst();
        var labels = new LinkedHashSet<String>();
        if (d.getArgument("labels") != null) {
            ((ArrayValue) d.getArgument("labels").getValue())
                    .getValues()
                    .forEach(v -> labels.add(((StringValue) v).getValue()));
        } else {
            labels.add(typeName(field.getType()));
        }
        for (String label : labels) {
            if (!nodes.containsKey(label)) {
                throw new IllegalStateException(tie + "." + field.getName() + " names " + label + ", not a @node type");
            }
        }
        return java.util.Collections.unmodifiableSet(labels);
    }

    private Property property(String owner, FieldDefinition field, boolean optional) {
        Type<?> type = unwrap(field.getType());
        PropertyType stored;
        if (type instanceof ListType list) {
            if (!"String".equals(typeName(list.getType()))) {
                return null;
            }
            stored = PropertyType.STRING_LIST;
        } else {
            String name = ((TypeName) type).getName();
            stored = switch (name) {
                case "String" -> PropertyType.STRING;
                case "Int" -> PropertyType.INT;
                case "Float" -> PropertyType.FLOAT;
                case "Boolean" -> PropertyType.BOOLEAN;
                case "Date" -> PropertyType.DATE;
                default -> registry.getTypeOrNull(name, EnumTypeDefinition.class) != null ? PropertyType.ENUM : null;
            };
            if (stored == null) {
                return null; // an object field: a relation served by its own fetcher
            }
        }
        return new Property(
                field.getName(),
                stored,
                !optional,
                field.hasDirective("unique"),
                field.hasDirective("personal"),
                label(field),
                stored == PropertyType.ENUM ? typeName(field.getType()) : null);
    }

    /**
     * Adds to the registry what the {@code @tie} declarations imply: the {@link #TIE_FIELDS} on each tie
     * type and its pattern in its description, the list fields ({@code outField}, {@code inField}) on the
     * types at its ends, and one {@code TieKind} value per kind.
     */
    public void complete(TypeDefinitionRegistry target) {
        var tieInterface = target.getTypeOrNull("Tie", graphql.language.InterfaceTypeDefinition.class);
        var added = new LinkedHashMap<String, List<FieldDefinition>>();
        for (TieType tie : ties.values()) {
            var type = target.getTypeOrNull(tie.name(), ObjectTypeDefinition.class);
            var fields = new ArrayList<FieldDefinition>(tieInterface.getFieldDefinitions());
            type.getFieldDefinitions().stream()
                    .filter(f -> !TIE_FIELDS.contains(f.getName()))
                    .forEach(fields::add);
            String description = tieDescriptions.get(tie.kind());
            replace(
                    target,
                    type,
                    type.transform(b -> b.fieldDefinitions(fields)
                            .description(description(
                                    description.replaceAll("\\.$", "") + ": `" + pattern(tie) + "` in the graph."))));
            for (String label : tie.fromLabels()) {
                added.computeIfAbsent(label, l -> new ArrayList<>()).add(listField(tie, tie.outField(), "from", label));
            }
            for (String label : tie.toLabels()) {
                added.computeIfAbsent(label, l -> new ArrayList<>()).add(listField(tie, tie.inField(), "to", label));
            }
        }
        added.forEach((label, fields) -> {
            var type = target.getTypeOrNull(label, ObjectTypeDefinition.class);
            var all = new ArrayList<>(type.getFieldDefinitions());
            all.addAll(fields);
            replace(target, type, type.transform(b -> b.fieldDefinitions(all)));
        });
        var kinds = target.getTypeOrNull("TieKind", EnumTypeDefinition.class);
        var values = ties.values().stream()
                .map(tie -> EnumValueDefinition.newEnumValueDefinition()
                        .name(tie.kind())
                        .description(description(tieDescriptions.get(tie.kind()).replaceAll("\\.$", "") + ": "
                                + pattern(tie).replace(":", "").replace("[", "[:")
                                + (tie.addable() ? "" : "; written only by its workflow")))
                        .build())
                .toList();
        replace(target, kinds, kinds.transform(b -> b.enumValueDefinitions(values)));
    }

    private FieldDefinition listField(TieType tie, String name, String direction, String label) {
        String noun = label.equals("PartyOrganization")
                ? "organization"
                : label.replaceAll("(?<!^)(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
        String text = tieDescriptions.get(tie.kind()).replaceAll("\\.$", "");
        int paren = text.lastIndexOf(" (");
        String described = paren < 0
                ? text + ": ties " + direction + " this " + noun
                : text.substring(0, paren) + ": ties " + direction + " this " + noun + text.substring(paren);
        return FieldDefinition.newFieldDefinition()
                .name(name)
                .description(
                        description(
                                described
                                        + ". Active ties as of `asOf` (default today); `includeEnded` lists ended ones too. For a user with a jurisdiction, ties whose other end lies outside it are left out."))
                .inputValueDefinition(InputValueDefinition.newInputValueDefinition()
                        .name("asOf")
                        .type(new TypeName("Date"))
                        .build())
                .inputValueDefinition(InputValueDefinition.newInputValueDefinition()
                        .name("includeEnded")
                        .type(new TypeName("Boolean"))
                        .defaultValue(BooleanValue.of(false))
                        .build())
                .type(NonNullType.newNonNullType(new ListType(NonNullType.newNonNullType(new TypeName(tie.name()))
                                .build()))
                        .build())
                .build();
    }

    private static String pattern(TieType tie) {
        return "(:" + tie.fromLabelExpression() + ")-[:" + tie.relType() + "]->(:" + tie.toLabelExpression() + ")";
    }

    private static void replace(
            TypeDefinitionRegistry registry,
            graphql.language.SDLDefinition<?> old,
            graphql.language.SDLDefinition<?> now) {
        registry.remove(old);
        registry.add(now).ifPresent(error -> {
            throw new IllegalStateException(error.getMessage());
        });
    }

    private static String label(FieldDefinition field) {
        return Labels.chinese(
                field.getDescription() == null ? null : field.getDescription().getContent(), field.getName());
    }

    /** The values of an enum with their Chinese labels, in the SDL's order; empty for an unknown enum. */
    Map<String, String> enumLabels(String name) {
        var type = registry.getTypeOrNull(name, EnumTypeDefinition.class);
        var labels = new LinkedHashMap<String, String>();
        if (type != null) {
            type.getEnumValueDefinitions()
                    .forEach(v -> labels.put(
                            v.getName(),
                            Labels.chinese(
                                    v.getDescription() == null
                                            ? null
                                            : v.getDescription().getContent(),
                                    v.getName())));
        }
        return labels;
    }

    private static Description description(String text) {
        return new Description(text, null, false);
    }

    private static Type<?> unwrap(Type<?> type) {
        return type instanceof NonNullType nonNull ? nonNull.getType() : type;
    }

    private static String typeName(Type<?> type) {
        Type<?> t = type;
        while (!(t instanceof TypeName)) {
            t = t instanceof NonNullType n ? n.getType() : ((ListType) t).getType();
        }
        return ((TypeName) t).getName();
    }

    private static String string(Directive d, String name) {
        Argument a = d.getArgument(name);
        return a == null ? null : ((StringValue) a.getValue()).getValue();
    }

    private static boolean bool(Directive d, String name, boolean otherwise) {
        Argument a = d.getArgument(name);
        return a == null ? otherwise : ((BooleanValue) a.getValue()).isValue();
    }
}

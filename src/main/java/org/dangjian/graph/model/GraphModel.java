package org.dangjian.graph.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The graph model of docs/domain.md: every node type and tie kind, with the names used alike in Neo4j,
 * the SDL and the Cypher files. It is read from the SDL ({@code schema/*.graphqls}, directives
 * {@code @node}, {@code @tie}, see {@link SchemaModel}) when the class loads; the generic read and write
 * paths, the migrations' indexes and the console's personal keys are driven by it.
 */
public final class GraphModel {

    /** The label every node carries besides its own, for global id lookups. */
    public static final String ENTITY = "Entity";

    private static final Map<String, NodeType> NODES = new LinkedHashMap<>();
    private static final Map<String, TieType> TIES = new LinkedHashMap<>();
    private static final SchemaModel MODEL;

    static {
        MODEL = SchemaModel.load();
        NODES.putAll(MODEL.nodes());
        TIES.putAll(MODEL.ties());
    }

    private GraphModel() {}

    public static List<NodeType> nodeTypes() {
        return List.copyOf(NODES.values());
    }

    public static List<TieType> tieTypes() {
        return List.copyOf(TIES.values());
    }

    public static NodeType nodeType(String label) {
        return Optional.ofNullable(NODES.get(label))
                .orElseThrow(() -> new IllegalArgumentException("No node type " + label));
    }

    /**
     * The type of the node an id names, by its prefix ({@code org-…}); empty for a tie's id or anything
     * else. (A few tie kinds share a prefix with a node type, e.g. {@code activity-}: their ids count
     * as the node type's.)
     */
    public static Optional<NodeType> nodeTypeOfId(String id) {
        return id == null
                ? Optional.empty()
                : nodeTypes().stream()
                        .filter(t -> id.startsWith(t.idPrefix() + "-"))
                        .findFirst();
    }

    /** The kind of tie a tie's id names, by its prefix ({@code membership-…}). */
    public static Optional<TieType> tieTypeOfId(String id) {
        return id == null
                ? Optional.empty()
                : tieTypes().stream()
                        .filter(t -> id.startsWith(t.kind().toLowerCase() + "-"))
                        .findFirst();
    }

    public static Optional<NodeType> findNodeType(String label) {
        return Optional.ofNullable(NODES.get(label));
    }

    /**
     * The value of the GraphQL enum {@code NodeType} for a label, upper case like every other enum:
     * {@code PartyOrganization} is {@code PARTY_ORGANIZATION}.
     */
    public static String enumName(String label) {
        return label.replaceAll("(?<!^)(?=[A-Z])", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** The label of a {@code NodeType} enum value, or null. */
    public static String labelOfEnum(String name) {
        return labelOf(name, NODES.keySet());
    }

    static String labelOf(String enumName, java.util.Collection<String> labels) {
        return labels.stream()
                .filter(label -> enumName(label).equals(enumName))
                .findFirst()
                .orElse(null);
    }

    /** The values of a GraphQL enum and their Chinese labels (机关单位), in the SDL's order. */
    public static Map<String, String> enumLabels(String enumType) {
        return MODEL.enumLabels(enumType);
    }

    /** The Chinese name of a node type, e.g. 党组织 for PartyOrganization. */
    public static String chineseName(NodeType type) {
        return MODEL.enumLabels("NodeType").getOrDefault(enumName(type.label()), type.label());
    }

    /** The Chinese name of a tie kind, e.g. 党员组织关系 for MEMBERSHIP. */
    public static String chineseName(TieType type) {
        return Labels.chinese(MODEL.tieDescription(type.kind()), type.name());
    }

    /**
     * Completes a registry parsed from the SDL with what its {@code @tie} declarations imply (see {@link
     * SchemaModel#complete}); the service's schema is built from the result.
     */
    public static void completeSchema(graphql.schema.idl.TypeDefinitionRegistry registry) {
        MODEL.complete(registry);
    }

    public static TieType tieType(String kind) {
        return Optional.ofNullable(TIES.get(kind))
                .orElseThrow(() -> new IllegalArgumentException("No tie kind " + kind));
    }
}

package org.dangjian.graph.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A node as it travels between packages: its type (the label of its {@link NodeType}) and its stored
 * properties, id included. It reads as the map of its properties, which is what GraphQL's default
 * field resolution and the JSON answers need; Java code uses {@link #type()}, {@link #id()} and
 * {@link #get(Object)}.
 *
 * <p>Cypher projects a node as {@code n {.*, __type: <label>}}; {@link #of(Object)} turns such a row
 * value into a node at the edge of the repository layer, so no {@code __type} key goes further.
 */
public final class GraphNode extends AbstractMap<String, Object> {

    /** The key under which the Cypher projections give a node's label. */
    public static final String TYPE_KEY = "__type";

    private final String type;
    private final Map<String, Object> properties;

    public GraphNode(String type, Map<String, Object> properties) {
        this.type = Objects.requireNonNull(type, "type");
        var copy = new LinkedHashMap<String, Object>(properties);
        copy.remove(TYPE_KEY);
        this.properties = Collections.unmodifiableMap(copy);
    }

    /** The node of a Cypher projection ({@code n {.*, __type: …}}), or null for null. */
    @SuppressWarnings("unchecked")
    public static GraphNode of(Object value) {
        if (value == null || value instanceof GraphNode) {
            return (GraphNode) value;
        }
        var map = (Map<String, Object>) value;
        Object type = map.get(TYPE_KEY);
        if (!(type instanceof String label)) {
            throw new IllegalArgumentException("Not a node projection (no " + TYPE_KEY + "): keys " + map.keySet());
        }
        return new GraphNode(label, map);
    }

    /** The nodes of a list of projections; null is the empty list. */
    public static List<GraphNode> list(Object value) {
        return value == null
                ? List.of()
                : ((List<?>) value).stream().map(GraphNode::of).toList();
    }

    /** The label, e.g. {@code PartyOrganization}. */
    public String type() {
        return type;
    }

    public String id() {
        return (String) properties.get("id");
    }

    /** The stored properties, id included. */
    public Map<String, Object> properties() {
        return properties;
    }

    @Override
    public Object get(Object key) {
        return properties.get(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return properties.entrySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphNode other
                ? type.equals(other.type) && properties.equals(other.properties)
                : super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public String toString() {
        return type + properties;
    }
}

package org.dangjian.graph.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A tie as it travels between packages: its {@link TieType}, its stored properties (id, since, until,
 * …), both ends and the nodes its reference properties name (a part-time member's unit). It reads as
 * the map GraphQL resolves the tie's type from: the properties, {@code tieKind}, each end under its
 * field name ({@code organization}, {@code superior}) and each reference under its property name.
 */
public final class GraphTie extends AbstractMap<String, Object> {

    private final TieType type;
    private final Map<String, Object> properties;
    private final GraphNode from;
    private final GraphNode to;
    private final Map<String, Object> view;

    public GraphTie(
            TieType type, Map<String, Object> properties, GraphNode from, GraphNode to, Map<String, GraphNode> refs) {
        this.type = Objects.requireNonNull(type, "type");
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.from = from;
        this.to = to;
        var view = new LinkedHashMap<String, Object>(properties);
        refs.forEach(view::put);
        view.put("tieKind", type.kind());
        view.put(type.fromName(), from);
        view.put(type.toName(), to);
        this.view = Collections.unmodifiableMap(view);
    }

    public TieType type() {
        return type;
    }

    public String id() {
        return (String) properties.get("id");
    }

    /** The stored properties of the relationship. */
    public Map<String, Object> properties() {
        return properties;
    }

    public GraphNode from() {
        return from;
    }

    public GraphNode to() {
        return to;
    }

    @Override
    public Object get(Object key) {
        return view.get(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return view.entrySet();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public String toString() {
        return type.kind() + properties;
    }
}

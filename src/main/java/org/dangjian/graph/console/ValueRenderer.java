package org.dangjian.graph.console;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.security.PersonalData;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;
import org.neo4j.driver.types.TypeSystem;

/**
 * Renders driver values as JSON values, the same way everywhere: a node as {@code {id, labels,
 * properties}}, a relationship as {@code {id, type, source, target, properties}}, a path as {@code
 * {nodes, relationships}}, dates and times as ISO strings. It also collects every node and
 * relationship it meets into a graph of {@code nodes}/{@code edges} for drawing. Under a {@link
 * Visibility} without personal data, personal values of nodes and maps are masked; without the audit
 * trail, audit events show no properties.
 */
final class ValueRenderer {

    private final Visibility visibility;

    ValueRenderer(Visibility visibility) {
        this.visibility = visibility;
    }

    private final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> edges = new LinkedHashMap<>();
    private final Map<String, String> idOfElement = new LinkedHashMap<>();

    Object render(Value value) {
        var type = value.type();
        var types = TypeSystem.getDefault();
        if (value.isNull()) {
            return null;
        }
        if (type.equals(types.NODE())) {
            return node(value.asNode());
        }
        if (type.equals(types.RELATIONSHIP())) {
            return relationship(value.asRelationship());
        }
        if (type.equals(types.PATH())) {
            Path path = value.asPath();
            var pathNodes = new ArrayList<Object>();
            path.nodes().forEach(n -> pathNodes.add(node(n)));
            var pathRels = new ArrayList<Object>();
            path.relationships().forEach(r -> pathRels.add(relationship(r)));
            return Map.of("nodes", pathNodes, "relationships", pathRels);
        }
        if (type.equals(types.LIST())) {
            var list = new ArrayList<Object>();
            value.values().forEach(v -> list.add(render(v)));
            return list;
        }
        if (type.equals(types.MAP())) {
            var map = new LinkedHashMap<String, Object>();
            value.keys()
                    .forEach(k -> map.put(
                            k,
                            personal(k)
                                    ? PersonalData.mask(k, plain(value.get(k).asObject()))
                                    : render(value.get(k))));
            return map;
        }
        return plain(value.asObject());
    }

    /**
     * The graph of every node and relationship rendered so far. Relationships rendered before their
     * end nodes get the ends' ids now, in the rows too.
     */
    Map<String, Object> graph() {
        for (var e : edges.values()) {
            e.put("source", idOfElement.getOrDefault((String) e.get("source"), (String) e.get("source")));
            e.put("target", idOfElement.getOrDefault((String) e.get("target"), (String) e.get("target")));
        }
        var shownEdges = edges.values().stream()
                .filter(e -> nodes.containsKey((String) e.get("source")) && nodes.containsKey((String) e.get("target")))
                .toList();
        return Map.of("nodes", List.copyOf(nodes.values()), "edges", shownEdges, "truncated", false);
    }

    private Map<String, Object> node(Node node) {
        String id = node.containsKey("id") ? node.get("id").asString() : node.elementId();
        idOfElement.put(node.elementId(), id);
        boolean hidden = !visibility.auditTrail() && node.hasLabel("AuditEvent");
        var properties = hidden ? new LinkedHashMap<String, Object>() : properties(node.asMap());
        var labels = new ArrayList<String>();
        node.labels().forEach(l -> {
            if (!l.equals("Entity")) {
                labels.add(l);
            }
        });
        var rendered = new LinkedHashMap<String, Object>();
        rendered.put("id", id);
        rendered.put("labels", labels);
        rendered.put("properties", properties);
        var drawn = new LinkedHashMap<String, Object>();
        drawn.put("id", id);
        drawn.put("type", labels.isEmpty() ? null : labels.getFirst());
        drawn.put("label", properties.getOrDefault("name", id));
        drawn.put("properties", properties);
        nodes.putIfAbsent(id, drawn);
        return rendered;
    }

    private Map<String, Object> relationship(Relationship r) {
        String id = r.containsKey("id") ? r.get("id").asString() : r.elementId();
        String source = idOfElement.getOrDefault(r.startNodeElementId(), r.startNodeElementId());
        String target = idOfElement.getOrDefault(r.endNodeElementId(), r.endNodeElementId());
        var existing = edges.get(id);
        if (existing != null) {
            return existing;
        }
        var rendered = new LinkedHashMap<String, Object>();
        rendered.put("id", id);
        rendered.put("type", r.type());
        rendered.put("source", source);
        rendered.put("target", target);
        rendered.put("properties", properties(r.asMap()));
        edges.putIfAbsent(id, rendered);
        return rendered;
    }

    private Map<String, Object> properties(Map<String, Object> raw) {
        var map = new LinkedHashMap<String, Object>();
        raw.forEach((k, v) -> map.put(k, personal(k) ? PersonalData.mask(k, plain(v)) : plain(v)));
        return map;
    }

    private boolean personal(String key) {
        return !visibility.personalData() && PersonalData.isPersonal(key);
    }

    private static Object plain(Object value) {
        if (value instanceof TemporalAccessor t) {
            return t.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ValueRenderer::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof org.neo4j.driver.types.IsoDuration || value instanceof org.neo4j.driver.types.Point) {
            return value.toString();
        }
        return value;
    }
}

package org.dangjian.graph.cobuilding;

import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.NodeType;
import org.dangjian.graph.queries.Answers;
import org.dangjian.graph.queries.NamedQueries;
import org.dangjian.graph.queries.Rows;
import org.dangjian.graph.time.Today;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Networks as graphs for drawing: the neighbourhood of some nodes, level by level (one statement
 * per level, the first two in one, each node read once), and the shortest ties between two nodes. Nodes carry a few properties, never a
 * person's personal data. For a caller with a jurisdiction ({@code within}: the ids inside it) both
 * keep to the inside: a node outside is neither drawn nor gone through.
 */
@Service
class NetworkService {

    record NetworkNode(String id, String type, String label, Map<String, Object> properties) {}

    record NetworkEdge(String id, String source, String target, String type, Map<String, Object> properties) {}

    record NetworkGraph(List<NetworkNode> nodes, List<NetworkEdge> edges, boolean truncated) {}

    private final NamedQueries queries;
    private final Answers answers;
    private final Today today;
    private final int maxDepth;
    private final int maxLimit;

    NetworkService(
            NamedQueries queries,
            Answers answers,
            Today today,
            @Value("${party-graph.network.max-depth:3}") int maxDepth,
            @Value("${party-graph.network.max-limit:2000}") int maxLimit) {
        this.queries = queries;
        this.answers = answers;
        this.today = today;
        this.maxDepth = maxDepth;
        this.maxLimit = maxLimit;
    }

    /**
     * The network around some nodes, kept whole until the graph changes ({@link Answers#value}): asked
     * again, it costs no statement and no transaction. Each read it makes is a statement of its own (a
     * drawing does not need the levels read in one transaction: a tie seen at one level and gone at the
     * next is simply not drawn).
     */
    public NetworkGraph network(
            List<String> rootIds,
            Integer depth,
            List<String> nodeTypes,
            List<String> relationshipTypes,
            LocalDate asOf,
            Integer limit,
            Set<String> within) {
        int d = depth == null ? 1 : depth;
        int max = limit == null ? 200 : limit;
        if (rootIds == null || rootIds.isEmpty()) {
            throw ApiException.validation("rootIds must name at least one node");
        }
        if (d < 1 || d > maxDepth) {
            throw ApiException.validation(
                    "depth must be between 1 and " + maxDepth + " (party-graph.network.max-depth)");
        }
        if (max < 1 || max > maxLimit) {
            throw ApiException.validation(
                    "limit must be between 1 and " + maxLimit + " (party-graph.network.max-limit)");
        }
        LocalDate day = today.orToday(asOf);
        var question = new HashMap<String, Object>();
        question.put("rootIds", List.copyOf(rootIds));
        question.put("depth", d);
        question.put("nodeTypes", nodeTypes);
        question.put("relationshipTypes", relationshipTypes);
        question.put("asOf", day);
        question.put("limit", max);
        question.put("within", within);
        return answers.value(
                "network", question, () -> draw(rootIds, d, nodeTypes, relationshipTypes, day, max, within));
    }

    private NetworkGraph draw(
            List<String> rootIds,
            int d,
            List<String> nodeTypes,
            List<String> relationshipTypes,
            LocalDate day,
            int max,
            Set<String> within) {
        var nodes = new LinkedHashMap<String, NetworkNode>();
        var edges = new LinkedHashMap<String, NetworkEdge>();
        // every node read so far (drawn or not): a level reads only the ends it has not seen
        var seen = new HashMap<String, GraphNode>();
        Set<String> frontier = new LinkedHashSet<>(rootIds);
        boolean truncated = false;
        Map<String, Object> next = null; // the second level, read with the first
        for (int level = 0; level < d && !frontier.isEmpty() && !truncated; level++) {
            var params = new HashMap<String, Object>();
            params.put("ids", List.copyOf(frontier));
            params.put("relationshipTypes", relationshipTypes);
            params.put("nodeTypes", nodeTypes);
            params.put("asOf", day);
            params.put("limit", max * 4L);
            Map<String, Object> row;
            if (next != null) {
                row = next; // what network-expand would read now: the first level cut nothing
                next = null;
            } else if (level == 0 && d >= 2 && within == null) {
                // both first levels in one statement; the second only when the first cut nothing, so
                // that its frontier is every new end, as this loop would make it
                params.put("most", (long) max);
                row = queries.rows("network-expand-two", params).getFirst();
                var second = Rows.list(row.get("second"));
                next = second.isEmpty() ? null : second.getFirst();
            } else {
                params.put("known", List.copyOf(seen.keySet()));
                row = queries.rows("network-expand", params).getFirst();
            }
            for (var n : GraphNode.list(row.get("nodes"))) {
                seen.put(n.id(), n);
            }
            if (level == 0) {
                for (String id : rootIds) {
                    var root = seen.get(id);
                    if (root == null) {
                        throw ApiException.notFound("Some rootIds name no node: " + rootIds);
                    }
                    nodes.putIfAbsent(id, node(root));
                }
            }
            var ties = Rows.list(row.get("ties"));
            if (ties.size() >= max * 4) {
                truncated = true;
            }
            Set<String> ends = new LinkedHashSet<>();
            for (var tie : ties) {
                String source = (String) tie.get("source");
                String target = (String) tie.get("target");
                for (String id : new String[] {source, target}) {
                    if (within != null && !within.contains(id)) {
                        continue; // outside the caller's jurisdiction: neither drawn nor expanded
                    }
                    if (!nodes.containsKey(id)) {
                        if (nodes.size() >= max) {
                            truncated = true;
                            continue;
                        }
                        nodes.put(id, node(seen.get(id)));
                        ends.add(id);
                    }
                }
                if (nodes.containsKey(source) && nodes.containsKey(target)) {
                    String id = (String) tie.get("id");
                    edges.putIfAbsent(
                            id,
                            new NetworkEdge(
                                    id,
                                    source,
                                    target,
                                    (String) tie.get("type"),
                                    plain(Rows.map(tie.get("properties")))));
                }
            }
            frontier = ends;
        }
        return new NetworkGraph(List.copyOf(nodes.values()), List.copyOf(edges.values()), truncated);
    }

    /** The shortest ties between two nodes; each read a kept statement of its own (no transaction around them). */
    public NetworkGraph connection(
            String fromId, String toId, Integer maxDepthAsked, LocalDate asOf, Set<String> within) {
        int d = maxDepthAsked == null ? 6 : maxDepthAsked;
        if (d < 1 || d > 8) {
            throw ApiException.validation("maxDepth must be between 1 and 8");
        }
        for (String id : List.of(fromId, toId)) {
            if (answers.rowAbout("MATCH (n:Entity {id: $id}) RETURN n.id AS id", Map.of("id", id), List.of(id))
                    == null) {
                throw ApiException.notFound("No node with id " + id);
            }
        }
        var params = new HashMap<String, Object>();
        params.put("fromId", fromId);
        params.put("toId", toId);
        params.put("maxDepth", d);
        params.put("asOf", today.orToday(asOf));
        params.put("within", within == null ? null : List.copyOf(within));
        var rows = queries.rows("connection", params);
        if (rows.isEmpty()) {
            return null;
        }
        var row = rows.getFirst();
        var nodes = GraphNode.list(row.get("nodes")).stream()
                .map(NetworkService::node)
                .toList();
        var edges = Rows.list(row.get("edges")).stream()
                .map(e -> new NetworkEdge(
                        (String) e.get("id"),
                        (String) e.get("source"),
                        (String) e.get("target"),
                        (String) e.get("type"),
                        plain(Rows.map(e.get("properties")))))
                .toList();
        return new NetworkGraph(nodes, edges, false);
    }

    /** A node for drawing: its id, type, name as label, and its properties less personal data. */
    static NetworkNode node(GraphNode n) {
        String type = n.type();
        var hidden =
                GraphModel.findNodeType(type).map(NodeType::personalProperties).orElse(List.of());
        var properties = new LinkedHashMap<String, Object>();
        n.forEach((k, v) -> {
            if (!hidden.contains(k)) {
                properties.put(k, v);
            }
        });
        Object name = n.get("name");
        return new NetworkNode(
                (String) n.get("id"), type, name == null ? (String) n.get("id") : (String) name, plain(properties));
    }

    /** Property values as JSON: dates as ISO strings. */
    static Map<String, Object> plain(Map<String, Object> properties) {
        var out = new LinkedHashMap<String, Object>();
        properties.forEach((k, v) -> out.put(k, plainValue(v)));
        return out;
    }

    private static Object plainValue(Object value) {
        if (value instanceof TemporalAccessor t) {
            return t.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(NetworkService::plainValue).toList();
        }
        return value;
    }
}

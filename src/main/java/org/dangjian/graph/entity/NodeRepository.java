package org.dangjian.graph.entity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.NodeType;
import org.dangjian.graph.queries.Answers;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes nodes of any {@link NodeType}; one statement per call. Reads outside a write
 * transaction are answered from the answers kept until the graph changes ({@link Answers}).
 */
@Repository
class NodeRepository {

    /** A filtered, ordered page: the rows of the page and the total count of the filter. */
    record Page(List<GraphNode> rows, long total) {}

    private final Graph graph;
    private final Answers answers;

    NodeRepository(Graph graph, Answers answers) {
        this.graph = graph;
        this.answers = answers;
    }

    List<GraphNode> findByIds(Collection<String> ids) {
        var list = List.copyOf(ids);
        return answers
                .rowsAbout(
                        "MATCH (n:" + GraphModel.ENTITY + ") WHERE n.id IN $ids RETURN " + Cyphers.project("n")
                                + " AS node",
                        Map.of("ids", list),
                        list)
                .stream()
                .map(r -> GraphNode.of(r.get("node")))
                .toList();
    }

    /**
     * The node with this id as column {@code node}, and each of the given {@code COLLECT} subqueries
     * over it (bound as {@code n}) as columns {@code t0}, {@code t1}, …: one statement; null if no node.
     */
    Map<String, Object> findWithCollected(List<String> subqueries, Map<String, Object> params) {
        var cypher = new StringBuilder("MATCH (n:" + GraphModel.ENTITY + " {id: $id}) RETURN ")
                .append(Cyphers.project("n"))
                .append(" AS node");
        for (int i = 0; i < subqueries.size(); i++) {
            cypher.append(", ").append(subqueries.get(i)).append(" AS t").append(i);
        }
        // about the node and its ties only: carried over the commits that touched neither (Answers)
        return answers.rowAbout(cypher.toString(), params, List.of((String) params.get("id")));
    }

    GraphNode findById(String id) {
        var rows = findByIds(List.of(id));
        return rows.isEmpty() ? null : rows.getFirst();
    }

    Page page(NodeType type, ListQuery q) {
        // Only the filters given: "($x IS NULL OR …)" keeps the planner from any index, and a
        // province's 110,000 organizations were read for a name filter a text index answers (V0009).
        var conditions = new java.util.ArrayList<String>();
        if (q.kinds() != null) {
            conditions.add("n.kind IN $kinds");
        }
        if (q.nameContains() != null) {
            conditions.add("n.name CONTAINS $nameContains");
        }
        if (q.within() != null) {
            conditions.add("(n.id IN $within OR NOT EXISTS { (n)--() })");
        }
        String filter =
                "(n:" + type.label() + ")" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
        String keyset = switch (q.order()) {
            case NAME_ASC -> "($afterId IS NULL OR n.name > $afterName OR (n.name = $afterName AND n.id > $afterId))";
            case NAME_DESC -> "($afterId IS NULL OR n.name < $afterName OR (n.name = $afterName AND n.id > $afterId))";
            case ID_ASC -> "($afterId IS NULL OR n.id > $afterId)";
        };
        String order = switch (q.order()) {
            case NAME_ASC -> "n.name ASC, n.id ASC";
            case NAME_DESC -> "n.name DESC, n.id ASC";
            case ID_ASC -> "n.id ASC";
        };
        // Counted, then the page ordered and limited on the nodes; only the page's rows are projected
        // (projecting before the limit read every property of every match). The matches are found
        // twice, through the index each time: measured on a province, as fast as collecting them once.
        String cypher = "MATCH " + filter + " WITH count(n) AS total RETURN total, COLLECT { MATCH " + filter
                + (conditions.isEmpty() ? " WHERE " : " AND ") + keyset + " WITH n ORDER BY " + order
                + " LIMIT $limit RETURN " + Cyphers.project("n") + " } AS nodes";
        var params = new HashMap<String, Object>();
        params.put("kinds", q.kinds());
        params.put("nameContains", q.nameContains());
        params.put("afterName", q.afterName());
        params.put("afterId", q.afterId());
        params.put("limit", q.first() + 1);
        if (q.within() != null) {
            params.put("within", List.copyOf(q.within()));
        }
        // Without a jurisdiction the page reads the type's nodes only, not their ties: it is carried over
        // the commits that touched no node of the type (Answers); with one, kept until the graph changes.
        var row = q.within() == null
                ? answers.rowsOf(cypher, params, java.util.Set.of(type.label())).getFirst()
                : answers.row(cypher, params);
        @SuppressWarnings("unchecked")
        var nodes = (List<Map<String, Object>>) row.get("nodes");
        return new Page(nodes.stream().map(GraphNode::of).toList(), ((Number) row.get("total")).longValue());
    }

    boolean codeTaken(NodeType type, String code, String exceptId) {
        return graph.row(
                        "MATCH (n:" + type.label()
                                + " {code: $code}) WHERE n.id <> $exceptId RETURN n.id AS id LIMIT 1",
                        Map.of("code", code, "exceptId", exceptId == null ? "" : exceptId))
                != null;
    }

    GraphNode create(NodeType type, String id, Map<String, Object> properties) {
        var props = new HashMap<>(properties);
        props.put("id", id);
        return GraphNode.of(graph.row(
                        "CREATE (n:" + GraphModel.ENTITY + ":" + type.label() + ") SET n = $props RETURN "
                                + Cyphers.project("n") + " AS node",
                        Map.of("props", props))
                .get("node"));
    }

    GraphNode update(NodeType type, String id, Map<String, Object> changes) {
        var row = graph.row(
                "MATCH (n:" + type.label() + " {id: $id}) SET n += $changes RETURN " + Cyphers.project("n")
                        + " AS node",
                Map.of("id", id, "changes", changes));
        return row == null ? null : GraphNode.of(row.get("node"));
    }

    long tieCount(String id) {
        return ((Number) graph.row(
                                "MATCH (n:" + GraphModel.ENTITY + " {id: $id}) RETURN COUNT { (n)--() } AS ties",
                                Map.of("id", id))
                        .get("ties"))
                .longValue();
    }

    void delete(String id) {
        graph.run("MATCH (n:" + GraphModel.ENTITY + " {id: $id}) DETACH DELETE n", Map.of("id", id));
    }
}

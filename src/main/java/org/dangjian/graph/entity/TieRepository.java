package org.dangjian.graph.entity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.GraphTie;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.queries.Answers;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes ties of any {@link TieType}. Ties come back as {@link GraphTie}s with both ends
 * and the nodes their references name, so that nested GraphQL fields below a tie cost no further query.
 */
@Repository
class TieRepository {

    /** Which end of the tie the given nodes are. */
    enum Direction {
        OUT,
        IN
    }

    private final Graph graph;
    private final Answers answers;

    TieRepository(Graph graph, Answers answers) {
        this.graph = graph;
        this.answers = answers;
    }

    /** A tie loaded for one of many nodes: {@code self} is that node's id. */
    record Loaded(String self, GraphTie tie) {}

    /** The ties of the given nodes, for many nodes in one statement. */
    List<Loaded> ties(TieType type, Direction direction, Collection<String> ids, LocalDate asOf, boolean all) {
        String self = direction == Direction.OUT ? "a" : "b";
        var params = new HashMap<String, Object>();
        params.put("ids", List.copyOf(ids));
        params.put("asOf", asOf);
        params.put("all", all);
        return select(
                type,
                self,
                self + ".id IN $ids AND " + Cyphers.activeAt("r"),
                " ORDER BY r.since, r.id",
                params,
                List.copyOf(ids));
    }

    /**
     * A {@code COLLECT} subquery of the ties of this type of the node bound to {@code node} in the
     * enclosing statement, active at {@code $<asOf>} (or all, {@code $<all>}), each a map of the shape
     * {@link #loaded} reads, in the order of {@link #ties}: so that a lookup can read its node and the
     * ties its request asks for in one statement.
     */
    String collectSubquery(TieType type, Direction direction, String node, String asOf, String all) {
        String from = direction == Direction.OUT ? node : "a:" + type.fromLabelExpression();
        String to = direction == Direction.IN ? node : "b:" + type.toLabelExpression();
        String a = direction == Direction.OUT ? node : "a";
        String b = direction == Direction.IN ? node : "b";
        var refs = refs(type);
        return "COLLECT { MATCH (" + from + ")-[r:" + type.relType() + "]->(" + to + ") WHERE "
                + Cyphers.activeAt("r", asOf, all) + refs[0] + " RETURN {self: " + node + ".id, tie: r{.*}, refs: {"
                + refs[1] + "}, fromNode: " + Cyphers.project(a) + ", toNode: " + Cyphers.project(b)
                + "} AS t ORDER BY r.since, r.id }";
    }

    /** Ties read by {@link #collectSubquery}: one map each. */
    @SuppressWarnings("unchecked")
    static List<GraphTie> loaded(TieType type, Object collected) {
        var out = new ArrayList<GraphTie>();
        for (Object row : (List<Object>) collected) {
            out.add(tie(type, (Map<String, Object>) row).tie());
        }
        return out;
    }

    /** The OPTIONAL MATCHes of a tie's references and their projection: {matches, projection}. */
    private static String[] refs(TieType type) {
        var refs = new StringBuilder();
        var refProjection = new StringBuilder();
        int i = 0;
        for (var ref : type.refs().entrySet()) {
            refs.append(" OPTIONAL MATCH (ref")
                    .append(i)
                    .append(':')
                    .append(ref.getValue())
                    .append(" {id: r.")
                    .append(ref.getKey())
                    .append("})");
            refProjection
                    .append(refProjection.isEmpty() ? "" : ", ")
                    .append(ref.getKey())
                    .append(": ")
                    .append(Cyphers.project("ref" + i));
            i++;
        }
        return new String[] {refs.toString(), refProjection.toString()};
    }

    GraphTie findById(TieType type, String id) {
        var rows = select(type, "a", "r.id = $id", "", Map.of("id", id), null);
        return rows.isEmpty() ? null : rows.getFirst().tie();
    }

    /**
     * Ties of one type matching a condition on {@code a}, {@code r}, {@code b}, with both ends and the
     * nodes that the tie's reference properties name (e.g. the unit a part-time member represents).
     */
    private List<Loaded> select(
            TieType type,
            String self,
            String where,
            String orderBy,
            Map<String, Object> params,
            Collection<String> about) {
        var refs = refs(type);
        String cypher = "MATCH (a:" + type.fromLabelExpression() + ")-[r:" + type.relType() + "]->(b:"
                + type.toLabelExpression() + ") WHERE " + where + refs[0] + " RETURN " + self
                + ".id AS self, r{.*} AS tie, {" + refs[1] + "} AS refs, " + Cyphers.project("a")
                + " AS fromNode, "
                + Cyphers.project("b") + " AS toNode" + orderBy;
        var result = new ArrayList<Loaded>();
        // kept until the graph changes (Answers), the ties of some nodes until a commit touches one of
        // them or what their ties show; inside a write transaction, always read
        var rows = about == null ? answers.rows(cypher, params) : answers.rowsAbout(cypher, params, about);
        for (var row : rows) {
            result.add(tie(type, row));
        }
        return result;
    }

    /** The label of the node with this id, if it has one of the given labels. */
    String labelOf(String id, Collection<String> labels) {
        var row = graph.row(
                "MATCH (n:" + GraphModel.ENTITY + " {id: $id}) WHERE any(l IN labels(n) WHERE l IN $labels) "
                        + "RETURN [l IN labels(n) WHERE l IN $labels][0] AS label",
                Map.of("id", id, "labels", List.copyOf(labels)));
        return row == null ? null : (String) row.get("label");
    }

    boolean overlapping(TieType type, String fromId, String toId, LocalDate since, LocalDate until, Object role) {
        var params = new HashMap<String, Object>();
        params.put("from", fromId);
        params.put("to", toId);
        params.put("since", since);
        params.put("until", until);
        params.put("role", role);
        return graph.row(
                        "MATCH (a:" + type.fromLabelExpression() + " {id: $from})-[r:" + type.relType() + "]->(b:"
                                + type.toLabelExpression() + " {id: $to})"
                                + " WHERE ($role IS NULL OR r.role = $role)"
                                + " AND ($until IS NULL OR r.since IS NULL OR r.since < $until)"
                                + " AND (r.until IS NULL OR r.until > $since) RETURN r.id AS id LIMIT 1",
                        params)
                != null;
    }

    /** Whether adding from → to would close a cycle: an active path of this type from 'to' back to 'from'. */
    boolean wouldCycle(TieType type, String fromId, String toId) {
        String label = type.fromLabelExpression();
        return graph.row(
                        "MATCH (b:" + label + " {id: $to}), (a:" + label + " {id: $from}) "
                                + "MATCH p = (b)-[:" + type.relType() + "*1..]->(a) "
                                + "WHERE all(r IN relationships(p) WHERE r.until IS NULL) RETURN 1 AS hit LIMIT 1",
                        Map.of("from", fromId, "to", toId))
                != null;
    }

    GraphTie create(TieType type, String fromId, String toId, Map<String, Object> properties) {
        graph.run(
                "MATCH (a:" + type.fromLabelExpression() + " {id: $from}), (b:" + type.toLabelExpression()
                        + " {id: $to}) CREATE (a)-[r:" + type.relType() + "]->(b) SET r = $props",
                Map.of("from", fromId, "to", toId, "props", properties));
        return findById(type, (String) properties.get("id"));
    }

    GraphTie end(TieType type, String id, LocalDate until) {
        graph.run(
                "MATCH ()-[r:" + type.relType() + " {id: $id}]->() SET r.until = $until",
                Map.of("id", id, "until", until));
        return findById(type, id);
    }

    @SuppressWarnings("unchecked")
    private static Loaded tie(TieType type, Map<String, Object> row) {
        var refs = new HashMap<String, GraphNode>();
        ((Map<String, Object>) row.get("refs")).forEach((k, v) -> {
            if (v != null) {
                refs.put(k, GraphNode.of(v));
            }
        });
        var tie = new GraphTie(
                type,
                (Map<String, Object>) row.get("tie"),
                GraphNode.of(row.get("fromNode")),
                GraphNode.of(row.get("toNode")),
                refs);
        return new Loaded((String) row.get("self"), tie);
    }
}

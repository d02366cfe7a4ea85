package org.dangjian.graph.exports;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.NodeType;
import org.dangjian.graph.model.Property;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.queries.NamedQueries;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Permission;
import org.dangjian.graph.security.PersonalData;
import org.dangjian.graph.security.Seal;
import org.dangjian.graph.security.Sealing;
import org.dangjian.graph.time.Today;
import org.springframework.stereotype.Service;

/**
 * Reads the graph, or a scope of it, for the exports, streaming: nodes then active ties, each handed
 * on as it is read. A scope's export holds the areas, organizations and units inside it (the one
 * definition of a scope), every node tied to them by a tie active on the date, and the active ties
 * among all these. Personal values are opened for callers who may read them and masked for the others.
 */
@Service
class ExportService {

    /** A tie as exported: its kind, ends and stored properties. */
    record ExportTie(TieType type, String from, String to, Map<String, Object> properties) {}

    private final Graph graph;
    private final NamedQueries queries;
    private final Sealing sealing;
    private final Today today;

    ExportService(Graph graph, NamedQueries queries, Sealing sealing, Today today) {
        this.graph = graph;
        this.queries = queries;
        this.sealing = sealing;
        this.today = today;
    }

    /** Refuses an unknown scope, or one that is neither an area nor an organization, before a download starts. */
    void checkScope(String scope) {
        queries.scope(scope);
    }

    /** The export of a scope (null: the whole graph) on a date: nodes first, then ties. */
    void export(Caller caller, String scope, LocalDate asOf, Consumer<GraphNode> nodes, Consumer<ExportTie> ties) {
        export(caller, scope, asOf, null, null, nodes, ties);
    }

    /**
     * Nodes of one type, or ties of one kind, in a scope: for the CSV exports. Only that label or
     * relationship type is read from the graph (a scope's nodes are still read, to know what is inside).
     */
    void exportType(
            Caller caller,
            String scope,
            LocalDate asOf,
            NodeType type,
            TieType tie,
            Consumer<GraphNode> nodes,
            Consumer<ExportTie> ties) {
        export(caller, scope, asOf, type, tie, nodes, ties);
    }

    /** With {@code onlyNodes} or {@code onlyTies} given, just those; with neither, everything. */
    private void export(
            Caller caller,
            String scope,
            LocalDate asOf,
            NodeType onlyNodes,
            TieType onlyTies,
            Consumer<GraphNode> nodes,
            Consumer<ExportTie> ties) {
        LocalDate date = today.orToday(asOf);
        var personal = personalValues(caller);
        boolean wantNodes = onlyTies == null;
        boolean wantTies = onlyNodes == null;
        String active = "(r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)";
        String project = "{.*, " + GraphNode.TYPE_KEY + ": [l IN labels(n) WHERE l <> 'Entity'][0]}";
        String tiePattern = onlyTies == null
                ? "(a:Entity)-[r]->(b:Entity)"
                : "(a:" + onlyTies.fromLabelExpression() + ")-[r:" + onlyTies.relType() + "]->(b:"
                        + onlyTies.toLabelExpression() + ")";
        String tieReturn =
                " RETURN a.id AS from, b.id AS to, type(r) AS rel, [l IN labels(a) WHERE l <> 'Entity'][0] AS fromLabel,"
                        + " [l IN labels(b) WHERE l <> 'Entity'][0] AS toLabel, r {.*} AS tie";
        Consumer<Map<String, Object>> tieRow = row ->
                tie(row).filter(t -> onlyTies == null || t.type() == onlyTies).ifPresent(ties);
        if (scope == null) {
            if (wantNodes) {
                String label = onlyNodes == null ? GraphModel.ENTITY : onlyNodes.label();
                graph.stream(
                        "MATCH (n:" + label + ") RETURN n " + project + " AS n",
                        Map.of(),
                        row -> nodes.accept(personal.apply(GraphNode.of(row.get("n")))));
            }
            if (wantTies) {
                graph.stream("MATCH " + tiePattern + " WHERE " + active + tieReturn, Map.of("asOf", date), tieRow);
            }
            return;
        }
        queries.scope(scope);
        var core = queries.scopeMembers("scope-nodes", scope, date);
        Set<String> ids = new HashSet<>();
        graph.stream("""
                        MATCH (c:Entity) WHERE c.id IN $core
                        CALL (c) {
                          RETURN c AS n
                          UNION
                          MATCH (c)-[r]-(n:Entity) WHERE """ + active + """
                          RETURN n
                        }
                        WITH DISTINCT n
                        RETURN n""" + " " + project + " AS n", Map.of("core", core, "asOf", date), row -> {
            var node = GraphNode.of(row.get("n"));
            if (ids.add(node.id())
                    && wantNodes
                    && (onlyNodes == null || onlyNodes.label().equals(node.type()))) {
                nodes.accept(personal.apply(node));
            }
        });
        if (wantTies) {
            graph.stream(
                    "MATCH " + tiePattern + " WHERE a.id IN $ids AND b.id IN $ids AND " + active + tieReturn,
                    Map.of("ids", List.copyOf(ids), "asOf", date),
                    tieRow);
        }
    }

    private static java.util.Optional<ExportTie> tie(Map<String, Object> row) {
        String rel = (String) row.get("rel");
        String from = (String) row.get("fromLabel");
        String to = (String) row.get("toLabel");
        return GraphModel.tieTypes().stream()
                .filter(t -> t.relType().equals(rel)
                        && t.fromLabels().contains(from)
                        && t.toLabels().contains(to))
                .findFirst()
                .map(t -> {
                    @SuppressWarnings("unchecked")
                    var props = (Map<String, Object>) row.get("tie");
                    return new ExportTie(t, (String) row.get("from"), (String) row.get("to"), props);
                });
    }

    /** Opens the personal values of a node for a caller who may read them; masks them for the others. */
    private java.util.function.UnaryOperator<GraphNode> personalValues(Caller caller) {
        boolean may = caller.can(Permission.PERSONAL_DATA);
        Seal seal = sealing.available() ? sealing.seal() : null;
        return node -> {
            var type = GraphModel.findNodeType(node.type()).orElse(null);
            if (type == null || type.properties().stream().noneMatch(Property::personal)) {
                return node;
            }
            var props = new HashMap<>(node.properties());
            for (Property p : type.properties()) {
                Object stored = props.get(p.name());
                if (!p.personal() || stored == null) {
                    continue;
                }
                Object open = seal != null && Seal.isSealed(stored)
                        ? seal.openTyped(type.label(), p.name(), node.id(), stored)
                        : stored;
                props.put(p.name(), may ? open : PersonalData.mask(p.name(), open));
            }
            return new GraphNode(node.type(), props);
        };
    }
}

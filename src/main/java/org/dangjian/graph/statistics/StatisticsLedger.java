package org.dangjian.graph.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.database.GraphVersion;
import org.dangjian.graph.database.KeptByDate;
import org.dangjian.graph.queries.CypherCatalogue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The whole graph's statistics, kept per node type and per tie type and read again only for the types
 * a change touched: after an edit of a unit, the units' figures are counted again, not the province's
 * million persons and their memberships.
 *
 * <p>{@code statistics-all.cypher} answers for some types only ({@code nodeTypes}, {@code tieTypes}):
 * a node type's groups (kind, category) and measures, and a tie type's groups (ends' types, detail)
 * with their distinct starts and ends, each add up across types. After each commit, {@link
 * GraphVersion#changesAfter} says which nodes (with their labels) and ties (with their types) it
 * touched; those types are counted again from the graph and the rest is kept. A designation or a
 * rectification tie moves the rectifications' count as well. Everything is counted again when a
 * commit gave or took a label of an existing node (its ties change the types of their ends), touched
 * a node with no type, or cannot be told.
 *
 * <p>Kept per date asked, for the {@link KeptByDate#DATES} dates most recently asked; only with an embedded
 * database, whose commits this service sees.
 */
@Component
class StatisticsLedger {

    /** A date's figures: node type → its groups, tie type → its groups (rows of statistics-all). */
    private record Kept(
            Map<String, List<Map<String, Object>>> nodeGroups, Map<String, List<Map<String, Object>>> tieGroups) {}

    private static final List<String> MEASURES = List.of(
            "population",
            "households",
            "disputesSettled",
            "servedPerYear",
            "projectHouseholds",
            "projectSignedHouseholds");

    private final Graph graph;
    private final String cypher;
    private final boolean enabled;
    private final KeptByDate<Kept> dates;
    private final AtomicLong typesRead = new AtomicLong();

    StatisticsLedger(
            Graph graph,
            GraphVersion version,
            CypherCatalogue catalogue,
            @Value("${party-graph.statistics.kept-per-type:true}") boolean enabled) {
        this.graph = graph;
        this.dates = new KeptByDate<>(version, new KeptByDate.Keeping<>() {
            @Override
            public Kept readAll(LocalDate asOf) {
                var row = read(null, null, asOf);
                return new Kept(byKey(row.get("nodeGroups"), "type"), byKey(row.get("ties"), "relType"));
            }

            @Override
            public boolean takeAgain(Kept kept, GraphVersion.Changes changes, LocalDate asOf) {
                return StatisticsLedger.this.takeAgain(kept, changes, asOf);
            }
        });
        this.cypher = catalogue.get("statistics-all").cypher();
        this.enabled = enabled;
    }

    boolean serves() {
        return enabled && dates.watches();
    }

    /** Node and tie types counted again so far for a change, and how many times everything was. */
    Map<String, Long> counts() {
        return Map.of("typesRead", typesRead.get(), "fullReads", dates.fullReads());
    }

    /** The whole graph's statistics, as the row statistics-all.cypher returns: nodes, ties, measures. */
    Map<String, Object> statistics(LocalDate asOf) {
        return dates.answer(asOf, StatisticsLedger::merge);
    }

    /** Counts again the types these changes touched; false when everything must be counted again. */
    private boolean takeAgain(Kept kept, GraphVersion.Changes changes, LocalDate asOf) {
        Set<String> nodeTypes = new HashSet<>(), tieTypes = new HashSet<>();
        for (var touched : changes.touched()) {
            for (var n : touched.nodes()) {
                if (!n.labels().isEmpty() && !n.labels().contains("Entity")) {
                    continue; // not counted (the audit trail, the migrations' records)
                }
                var types = new HashSet<>(n.labels());
                types.remove("Entity");
                if (types.isEmpty() || n.labelsChanged()) {
                    return false; // a node of no type, or ties whose ends change type
                }
                nodeTypes.addAll(types);
                if (types.contains("Designation")) {
                    nodeTypes.add("Rectification"); // counted from their designation's date
                }
            }
            for (var t : touched.ties()) {
                tieTypes.add(t.type());
                if (t.type().equals("RECTIFIED_BY")) {
                    nodeTypes.add("Rectification");
                }
            }
        }
        if (!nodeTypes.isEmpty() || !tieTypes.isEmpty()) {
            var row = read(List.copyOf(nodeTypes), List.copyOf(tieTypes), asOf);
            var nodes = byKey(row.get("nodeGroups"), "type");
            var ties = byKey(row.get("ties"), "relType");
            for (String type : nodeTypes) {
                kept.nodeGroups().put(type, nodes.getOrDefault(type, List.of()));
            }
            for (String type : tieTypes) {
                kept.tieGroups().put(type, ties.getOrDefault(type, List.of()));
            }
            typesRead.addAndGet(nodeTypes.size() + tieTypes.size());
        }
        return true;
    }

    private Map<String, Object> read(List<String> nodeTypes, List<String> tieTypes, LocalDate asOf) {
        var params = new HashMap<String, Object>();
        params.put("asOf", asOf);
        params.put("nodeTypes", nodeTypes);
        params.put("tieTypes", tieTypes);
        return graph.row(cypher, params);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, Object>>> byKey(Object groups, String key) {
        var out = new HashMap<String, List<Map<String, Object>>>();
        for (var g : (List<Map<String, Object>>) groups) {
            out.computeIfAbsent((String) g.get(key), k -> new ArrayList<>()).add(g);
        }
        return out;
    }

    /** The figures of every type, ordered as statistics-all orders them. */
    private static Map<String, Object> merge(Kept kept) {
        var nodes = new ArrayList<Map<String, Object>>();
        var measures = new LinkedHashMap<String, Object>();
        MEASURES.forEach(m -> measures.put(m, 0L));
        kept.nodeGroups()
                .values()
                .forEach(groups -> groups.forEach(g -> {
                    if (((Number) g.get("count")).longValue() > 0) {
                        var n = new LinkedHashMap<String, Object>();
                        n.put("type", g.get("type"));
                        n.put("kind", g.get("kind"));
                        n.put("category", g.get("category"));
                        n.put("count", g.get("count"));
                        nodes.add(n);
                    }
                    MEASURES.forEach(m -> measures.put(m, add((Number) measures.get(m), (Number) g.get(m))));
                }));
        nodes.sort(order("type", "kind", "category"));
        var ties = new ArrayList<Map<String, Object>>();
        kept.tieGroups().values().forEach(ties::addAll);
        ties.sort(order("relType", "fromType", "toType", "detail"));
        var row = new LinkedHashMap<String, Object>();
        row.put("nodes", nodes);
        row.put("ties", ties);
        row.put("measures", measures);
        return row;
    }

    private static Number add(Number a, Number b) {
        if (b == null) {
            return a;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x + y;
        }
        return a.doubleValue() + b.doubleValue();
    }

    /** By these keys in turn, nulls last (as Cypher orders), texts by their characters. */
    private static Comparator<Map<String, Object>> order(String... keys) {
        Comparator<Map<String, Object>> c = (a, b) -> 0;
        for (String key : keys) {
            c = c.thenComparing(m -> m.get(key), StatisticsLedger::compareValues);
        }
        return c;
    }

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return a.getClass().getName().equals(b.getClass().getName())
                ? a.toString().compareTo(b.toString())
                : a.getClass().getName().compareTo(b.getClass().getName());
    }
}

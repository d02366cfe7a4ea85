package org.dangjian.graph.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * The grids of every community, village and 居 of the graph, kept per community and taken again only
 * for the communities a change can have moved: the whole-graph grid coverage after a change costs the
 * communities the change touched, not every grid of the province.
 *
 * <p>A community's grids are a function of the nodes and ties around it ({@code
 * cypher/fragments/grid-community.cypher}). After each commit, {@link GraphVersion#changesAfter} says
 * which nodes and ties it touched; {@code grid-coverage-touched.cypher} maps them to the communities
 * whose grids read them (a superset), and {@code grid-coverage-communities.cypher} takes those again.
 * The report is then put together here in the order {@code grid-coverage.cypher} gives it, whose
 * answer this one equals ({@code GridLedgerIT}). As for {@link CoverageLedger}, a change whose touched
 * communities cannot be told, or that moved more than half of them, takes every community again.
 *
 * <p>Kept per date asked, for the {@link KeptByDate#DATES} dates most recently asked; only with an
 * embedded database, whose commits this service sees.
 */
@Component
class GridLedger {

    /** A community and its grids on one date, as grid-community.cypher gives them. */
    record CommunityGrids(String id, String name, Map<String, Object> community, List<Map<String, Object>> grids) {}

    private final Graph graph;
    private final String communitiesCypher;
    private final String touchedCypher;
    private final boolean enabled;
    /** Per date: community id → its grids. */
    private final KeptByDate<Map<String, CommunityGrids>> dates;

    private final AtomicLong communitiesRead = new AtomicLong();

    GridLedger(
            Graph graph,
            GraphVersion version,
            CypherCatalogue catalogue,
            @Value("${party-graph.coverage.grids-kept-per-community:true}") boolean enabled) {
        this.graph = graph;
        this.dates = new KeptByDate<>(version, new KeptByDate.Keeping<>() {
            @Override
            public Map<String, CommunityGrids> readAll(LocalDate asOf) {
                return new HashMap<>(read(null, asOf));
            }

            @Override
            public boolean takeAgain(Map<String, CommunityGrids> kept, GraphVersion.Changes changes, LocalDate asOf) {
                return GridLedger.this.takeAgain(kept, changes, asOf);
            }
        });
        this.communitiesCypher = catalogue.get("grid-coverage-communities").cypher();
        this.touchedCypher = catalogue.get("grid-coverage-touched").cypher();
        this.enabled = enabled;
    }

    /** Whether the whole-graph grid coverage is answered here (an embedded database, and not switched off). */
    boolean serves() {
        return enabled && dates.watches();
    }

    /** Communities read again so far for changes, and how many times all of them were. */
    Map<String, Long> counts() {
        return dates.counts("communitiesRead", communitiesRead.get());
    }

    /**
     * The whole-graph grid coverage, as the row {@code grid-coverage.cypher} returns with a null scope:
     * total, withoutWorkers, grids, communitiesWithoutGrids.
     */
    Map<String, Object> gridCoverage(LocalDate asOf) {
        return dates.answer(asOf, GridLedger::report);
    }

    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    private static final Comparator<CommunityGrids> COMMUNITY_ORDER =
            Comparator.comparing(CommunityGrids::name, NULLS_LAST).thenComparing(CommunityGrids::id, NULLS_LAST);

    /** Workers, then the grid's name and id, as grid-coverage.cypher orders them. */
    private static final Comparator<Map<String, Object>> GRID_ORDER = Comparator.comparingLong(
                    (Map<String, Object> g) -> ((Number) g.get("workers")).longValue())
            .thenComparing(g -> property(g, "name"), NULLS_LAST)
            .thenComparing(g -> property(g, "id"), NULLS_LAST);

    private static String property(Map<String, Object> gridRow, String key) {
        return gridRow.get("grid") instanceof Map<?, ?> grid && grid.get(key) instanceof String s ? s : null;
    }

    private static Map<String, Object> report(Map<String, CommunityGrids> kept) {
        var grids = new ArrayList<Map<String, Object>>();
        var without = new ArrayList<CommunityGrids>();
        for (var c : kept.values()) {
            if (c.grids().isEmpty()) {
                without.add(c);
            } else {
                grids.addAll(c.grids());
            }
        }
        grids.sort(GRID_ORDER);
        without.sort(COMMUNITY_ORDER);
        long withoutWorkers = grids.stream()
                .filter(g -> ((Number) g.get("workers")).longValue() == 0)
                .count();
        var row = new LinkedHashMap<String, Object>();
        row.put("total", (long) grids.size());
        row.put("withoutWorkers", withoutWorkers);
        row.put("grids", grids);
        row.put(
                "communitiesWithoutGrids",
                without.stream().map(CommunityGrids::community).toList());
        return row;
    }

    // ---- keeping the communities' grids up to date ----------------------------------------------

    /** Takes again the communities these changes can have moved; false when they are more than half. */
    private boolean takeAgain(Map<String, CommunityGrids> kept, GraphVersion.Changes changes, LocalDate asOf) {
        var touched = touchedCommunities(changes);
        if (touched.size() > kept.size() / 2) {
            return false;
        }
        if (touched.isEmpty()) {
            return true; // a change no community's grids read (a unit, a person's phone)
        }
        var read = read(touched, asOf);
        communitiesRead.addAndGet(read.size());
        for (String id : touched) {
            var c = read.get(id);
            if (c == null) {
                kept.remove(id); // no longer a community, village or 居
            } else {
                kept.put(id, c);
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Map<String, CommunityGrids> read(Set<String> ids, LocalDate asOf) {
        var params = new HashMap<String, Object>();
        params.put("areaIds", ids == null ? null : List.copyOf(ids));
        params.put("asOf", asOf);
        var out = new HashMap<String, CommunityGrids>();
        for (var r : graph.rows(communitiesCypher, params)) {
            var c = new CommunityGrids(
                    (String) r.get("id"),
                    (String) r.get("name"),
                    (Map<String, Object>) r.get("community"),
                    List.copyOf((List<Map<String, Object>>) r.get("grids")));
            out.put(c.id(), c);
        }
        return out;
    }

    /** The ids of the communities whose grids the changes can have moved. */
    private Set<String> touchedCommunities(GraphVersion.Changes changes) {
        var ids = new KeptByDate.TouchedIds("areas", "grids", "persons");
        for (var touched : changes.touched()) {
            for (var n : touched.nodes()) {
                var labels = n.labels();
                // a deleted node's labels may be unknown: it may have been any of them
                if (labels.isEmpty() || labels.contains("Area")) {
                    ids.add("areas", n.id());
                }
                if (labels.isEmpty() || labels.contains("Grid")) {
                    ids.add("grids", n.id());
                }
                if (n.labelsChanged() && labels.contains("Person")) {
                    ids.add("persons", n.id()); // only the label is read of a worker
                }
            }
            for (var t : touched.ties()) {
                switch (t.type()) {
                    case "PART_OF" -> {
                        ids.add("grids", t.startId());
                        ids.add("areas", t.endId());
                    }
                    case "GRID_WORKER_FOR" -> ids.add("grids", t.endId());
                    default -> {} // no community's grids read it
                }
            }
        }
        return ids.mapped(graph, touchedCypher);
    }
}

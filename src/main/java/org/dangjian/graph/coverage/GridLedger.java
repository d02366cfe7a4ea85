package org.dangjian.graph.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * cypher/fragments/grid-community.cypher}); {@code grid-coverage-communities.cypher} reads them per
 * community, and {@code grid-coverage-touched.cypher} maps what a commit touched to the communities
 * whose grids read it ({@link KeptRows}). The report is put together here in the order {@code
 * grid-coverage.cypher} gives it, whose answer this one equals ({@code GridLedgerIT}).
 *
 * <p>Kept per date asked, for the {@link KeptByDate#DATES} dates most recently asked; only with an
 * embedded database, whose commits this service sees.
 */
@Component
class GridLedger {

    /** A community and its grids on one date, as grid-community.cypher gives them. */
    record CommunityGrids(String id, String name, Map<String, Object> community, List<Map<String, Object>> grids) {

        @SuppressWarnings("unchecked")
        static CommunityGrids of(Map<String, Object> row) {
            return new CommunityGrids(
                    (String) row.get("id"),
                    (String) row.get("name"),
                    (Map<String, Object>) row.get("community"),
                    List.copyOf((List<Map<String, Object>>) row.get("grids")));
        }
    }

    private final KeptRows<CommunityGrids> communities;
    private final boolean enabled;

    GridLedger(
            Graph graph,
            GraphVersion version,
            CypherCatalogue catalogue,
            @Value("${party-graph.coverage.grids-kept-per-community:true}") boolean enabled) {
        this.communities = new KeptRows<>(
                graph,
                version,
                catalogue.get("grid-coverage-communities").cypher(),
                "areaIds",
                Map.of(),
                CommunityGrids::of,
                CommunityGrids::id,
                catalogue.get("grid-coverage-touched").cypher(),
                GridLedger::touched,
                "communitiesRead",
                "areas",
                "grids",
                "persons");
        this.enabled = enabled;
    }

    /** Whether the whole-graph grid coverage is answered here (an embedded database, and not switched off). */
    boolean serves() {
        return enabled && communities.watches();
    }

    /** Communities read again so far for changes, and how many times all of them were. */
    Map<String, Long> counts() {
        return communities.counts();
    }

    /**
     * The whole-graph grid coverage, as the row {@code grid-coverage.cypher} returns with a null scope:
     * total, withoutWorkers, grids, communitiesWithoutGrids.
     */
    Map<String, Object> gridCoverage(LocalDate asOf) {
        return communities.answer(asOf, kept -> report(kept.values()));
    }

    static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    private static final Comparator<CommunityGrids> COMMUNITY_ORDER =
            Comparator.comparing(CommunityGrids::name, NULLS_LAST).thenComparing(CommunityGrids::id, NULLS_LAST);

    /**
     * Workers, then the grid's name and id, then its community's id (a grid part of two communities is
     * listed under each), as grid-coverage.cypher orders them.
     */
    private static final Comparator<Map<String, Object>> GRID_ORDER = Comparator.comparingLong(
                    (Map<String, Object> g) -> ((Number) g.get("workers")).longValue())
            .thenComparing(g -> property(g.get("grid"), "name"), NULLS_LAST)
            .thenComparing(g -> property(g.get("grid"), "id"), NULLS_LAST)
            .thenComparing(g -> property(g.get("area"), "id"), NULLS_LAST);

    /** A text property of a node's map, else null. */
    static String property(Object node, String key) {
        return node instanceof Map<?, ?> map && map.get(key) instanceof String s ? s : null;
    }

    private static Map<String, Object> report(Collection<CommunityGrids> kept) {
        var grids = new ArrayList<Map<String, Object>>();
        var without = new ArrayList<CommunityGrids>();
        for (var c : kept) {
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

    /** What a commit touched that a community's grids read, for grid-coverage-touched.cypher. */
    private static void touched(GraphVersion.Touched touched, KeptByDate.TouchedIds ids) {
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
}

package org.dangjian.graph.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.database.GraphVersion;
import org.dangjian.graph.database.KeptByDate;
import org.dangjian.graph.queries.CypherCatalogue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The coverage of every unit of the graph, kept per unit and taken again only for the units a change
 * can have moved: the whole-graph coverage after a change costs the units the change touched, not
 * every unit of the province.
 *
 * <p>A unit's coverage is a function of the nodes and ties around it ({@code
 * cypher/fragments/coverage-unit.cypher}). After each commit, {@link GraphVersion#changesAfter} says
 * which nodes and ties it touched; {@code coverage-units-touched.cypher} maps them to the units whose
 * coverage reads them (a superset: ties whatever their dates), and {@code coverage-units.cypher} takes
 * those units again ({@link KeptRows}). The figures, groups and the page of uncovered units are summed here, by the
 * same rules as {@code coverage.cypher}, whose answer this one equals ({@code CoverageLedgerIT}). A
 * change whose touched units cannot be told (a commit that touched more than {@link
 * GraphVersion#MOST_TOUCHED} elements, commits older than those remembered) or that moved more than half
 * the units takes every unit again.
 *
 * <p>Kept per date asked ({@code asOf}), for the {@link KeptByDate#DATES} dates most recently asked. Only with an
 * embedded database, whose commits this service sees; with a server every question runs the whole
 * statement.
 */
@Component
class CoverageLedger {

    /** A unit's coverage, as the sums and groups need it. */
    record UnitCoverage(
            String id,
            String kind,
            String name,
            boolean organizational,
            boolean work,
            boolean shouldBuild,
            String areaId,
            String areaName,
            String bigId,
            String bigName,
            String industryId,
            String industryName) {

        boolean uncovered() {
            return !organizational && !work;
        }

        int rank() {
            return shouldBuild ? 0 : 1;
        }
    }

    private final Graph graph;
    private final String unitsCypher;
    private final boolean enabled;
    /** Per date: unit id → its coverage. */
    private final KeptRows<UnitCoverage> units;

    CoverageLedger(
            Graph graph,
            GraphVersion version,
            CypherCatalogue catalogue,
            @Value("${party-graph.coverage.kept-per-unit:true}") boolean enabled) {
        this.graph = graph;
        this.unitsCypher = catalogue.get("coverage-units").cypher();
        this.units = new KeptRows<>(
                graph,
                version,
                unitsCypher,
                "unitIds",
                Map.of("withRows", false),
                CoverageLedger::unit,
                UnitCoverage::id,
                catalogue.get("coverage-units-touched").cypher(),
                CoverageLedger::touched,
                "unitsRead",
                "units",
                "persons",
                "organizations",
                "managedOrganizations",
                "areas",
                "areaTrees",
                "compounds");
        this.enabled = enabled;
    }

    /** Whether the whole-graph coverage is answered here (an embedded database, and not switched off). */
    boolean serves() {
        return enabled && units.watches();
    }

    /** Units read again so far for changes, and how many times all of them were (for a question, or in the background). */
    Map<String, Long> counts() {
        return units.counts();
    }

    /**
     * The whole-graph coverage, as the row {@code coverage.cypher} returns with a null scope: total,
     * organizational, work, shouldBuild, uncoveredCount, groups, uncoveredPage.
     */
    Map<String, Object> coverage(List<String> unitKinds, String groupBy, LocalDate asOf, int first, List<?> after) {
        return units.answer(asOf, kept -> sum(kept.values(), unitKinds, groupBy, asOf, first, after));
    }

    /**
     * The coverage of these units (a scope's), as the row {@code coverage.cypher} returns for the
     * scope, from what is kept on this date; empty when the date is not kept or cannot be caught up
     * with at once ({@link KeptByDate#answerIfKept}).
     */
    java.util.Optional<Map<String, Object>> coverageIfKept(
            List<String> unitIds, List<String> unitKinds, String groupBy, LocalDate asOf, int first, List<?> after) {
        return units.answerIfKept(asOf, kept -> {
            var scoped = new ArrayList<UnitCoverage>(unitIds.size());
            for (String id : unitIds) {
                var u = kept.get(id);
                if (u != null) {
                    scoped.add(u);
                }
            }
            return sum(scoped, unitKinds, groupBy, asOf, first, after);
        });
    }

    /**
     * A scope's question about this date: whether the units' coverage on it is kept (the scope is then
     * answered from it); a date asked about twice while not kept is read in the background.
     */
    boolean asked(LocalDate asOf) {
        return units.asked(asOf);
    }

    /** Whether the units' coverage on this date is kept. */
    boolean keeps(LocalDate asOf) {
        return units.keeps(asOf);
    }

    private Map<String, Object> sum(
            java.util.Collection<UnitCoverage> units,
            List<String> unitKinds,
            String groupBy,
            LocalDate asOf,
            int first,
            List<?> after) {
        var kinds = Set.copyOf(unitKinds);
        long total = 0, organizational = 0, work = 0, shouldBuild = 0;
        var groups = new HashMap<List<String>, long[]>();
        var uncovered = new ArrayList<UnitCoverage>();
        for (var u : units) {
            if (!kinds.contains(u.kind())) {
                continue;
            }
            total++;
            organizational += u.organizational() ? 1 : 0;
            work += u.work() ? 1 : 0;
            shouldBuild += u.shouldBuild() ? 1 : 0;
            var g = groups.computeIfAbsent(group(u, groupBy), k -> new long[4]);
            g[0]++;
            g[1] += u.organizational() ? 1 : 0;
            g[2] += u.work() ? 1 : 0;
            g[3] += u.shouldBuild() ? 1 : 0;
            if (u.uncovered()) {
                uncovered.add(u);
            }
        }
        var row = new LinkedHashMap<String, Object>();
        row.put("total", total);
        row.put("organizational", organizational);
        row.put("work", work);
        row.put("shouldBuild", shouldBuild);
        row.put("uncoveredCount", (long) uncovered.size());
        row.put("groups", groupBy == null ? List.of() : groups(groups));
        row.put("uncoveredPage", page(uncovered, asOf, first, after));
        return row;
    }

    /** A group's key and label under a grouping, as coverage.cypher forms them. */
    private static List<String> group(UnitCoverage u, String groupBy) {
        if (groupBy == null) {
            return java.util.Arrays.asList(null, null);
        }
        return switch (groupBy) {
            case "UNIT_KIND" -> java.util.Arrays.asList(u.kind(), u.kind());
            // a unit without an organization has no industry committee (coverage.cypher reads it from the organization)
            case "INDUSTRY_COMMITTEE" -> java.util.Arrays.asList(u.industryId(), u.industryName());
            case "BIG_COMMUNITY" -> java.util.Arrays.asList(u.bigId(), u.bigName());
            case "COMMUNITY" -> java.util.Arrays.asList(u.areaId(), u.areaName());
            default -> java.util.Arrays.asList(null, null);
        };
    }

    /** Ordered by label, then key (nulls last, as Cypher orders them). */
    private static final Comparator<List<String>> GROUP_ORDER = Comparator.comparing(
                    (List<String> k) -> k.get(1), Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(k -> k.get(0), Comparator.nullsLast(Comparator.<String>naturalOrder()));

    private static List<Map<String, Object>> groups(Map<List<String>, long[]> groups) {
        var out = new ArrayList<Map<String, Object>>();
        groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GROUP_ORDER)).forEach(e -> {
            long[] g = e.getValue();
            var m = new LinkedHashMap<String, Object>();
            m.put("key", e.getKey().get(0));
            m.put("label", e.getKey().get(1));
            m.put("total", g[0]);
            m.put("organizational", g[1]);
            m.put("work", g[2]);
            m.put("uncovered", g[0] - g[1] - g[2]);
            m.put("shouldBuild", g[3]);
            out.add(m);
        });
        return out;
    }

    private static final Comparator<UnitCoverage> UNCOVERED_ORDER = Comparator.comparingInt(UnitCoverage::rank)
            .thenComparing(UnitCoverage::name, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(UnitCoverage::id);

    /**
     * The page of uncovered units after the keyset [rank, name, id], should-build first, with the rows
     * coverage.cypher shows for them (read for the page's units only).
     */
    private List<Map<String, Object>> page(List<UnitCoverage> uncovered, LocalDate asOf, int first, List<?> after) {
        // the first first + 1 in order, without sorting every uncovered unit of the province
        var heap = new java.util.PriorityQueue<UnitCoverage>(first + 2, UNCOVERED_ORDER.reversed());
        for (var u : uncovered) {
            if (after != null && !isAfter(u, after)) {
                continue;
            }
            heap.add(u);
            if (heap.size() > first + 1) {
                heap.poll();
            }
        }
        var chosen = heap.stream().sorted(UNCOVERED_ORDER).toList();
        if (chosen.isEmpty()) {
            return List.of();
        }
        var params = new HashMap<String, Object>();
        params.put("unitIds", chosen.stream().map(UnitCoverage::id).toList());
        params.put("asOf", asOf);
        params.put("withRows", true);
        var rows = new HashMap<String, Object>();
        for (var r : graph.rows(unitsCypher, params)) {
            rows.put((String) r.get("id"), r.get("uncoveredRow"));
        }
        var page = new ArrayList<Map<String, Object>>();
        for (var u : chosen) {
            // null when the unit was covered by a commit after the one this answer is as of
            if (rows.get(u.id()) instanceof Map<?, ?> row) {
                @SuppressWarnings("unchecked")
                var r = (Map<String, Object>) row;
                page.add(r);
            }
        }
        return page;
    }

    private static boolean isAfter(UnitCoverage u, List<?> after) {
        long rank = ((Number) after.get(0)).longValue();
        if (u.rank() != rank) {
            return u.rank() > rank;
        }
        String name = (String) after.get(1);
        if (u.name() == null || name == null) {
            return false; // as Cypher compares with null: neither greater nor equal
        }
        int c = u.name().compareTo(name);
        return c > 0 || (c == 0 && u.id().compareTo((String) after.get(2)) > 0);
    }

    // ---- keeping the units' coverage up to date ------------------------------------------------------

    /** A unit's coverage from its row of coverage-units.cypher (its strings held once per read: {@link KeptRows}). */
    private static UnitCoverage unit(Map<String, Object> r) {
        return new UnitCoverage(
                (String) r.get("id"),
                (String) r.get("kind"),
                (String) r.get("name"),
                Boolean.TRUE.equals(r.get("organizational")),
                Boolean.TRUE.equals(r.get("work")),
                Boolean.TRUE.equals(r.get("shouldBuild")),
                (String) r.get("areaId"),
                (String) r.get("areaName"),
                (String) r.get("bigId"),
                (String) r.get("bigName"),
                (String) r.get("industryId"),
                (String) r.get("industryName"));
    }

    /** What a commit touched that a unit's coverage reads, for coverage-units-touched.cypher. */
    private static void touched(GraphVersion.Touched touched, KeptByDate.TouchedIds ids) {
        for (var n : touched.nodes()) {
            var labels = n.labels();
            if (labels.isEmpty() || labels.contains("Unit")) {
                ids.add("units", n.id()); // a deleted node's labels may be unknown: it may have been a unit
            }
            if (labels.contains("Person")) {
                ids.add("persons", n.id());
            }
            if (labels.contains("PartyOrganization")) {
                ids.add("organizations", n.id());
            }
            if (labels.contains("Area")) {
                ids.add("areaTrees", n.id());
            }
            if (labels.contains("Compound")) {
                ids.add("compounds", n.id());
            }
        }
        for (var t : touched.ties()) {
            switch (t.type()) {
                case "ESTABLISHED_IN", "INSTRUCTS", "WORKS_AT" -> ids.add("units", t.endId());
                case "PAIRED_WITH", "LOCATED_IN" -> ids.add("units", t.startId());
                case "MEMBER_OF" -> ids.add("persons", t.startId());
                case "MANAGED_BY" -> ids.add("managedOrganizations", t.startId());
                case "LEADS" -> ids.add("areas", t.endId());
                case "PART_OF" -> ids.add("areaTrees", t.startId());
                case "IN" -> ids.add("compounds", t.startId());
                default -> {} // no unit's coverage reads it
            }
        }
    }
}

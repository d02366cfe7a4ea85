package org.dangjian.graph.coverage;

import static org.dangjian.graph.coverage.GridLedger.NULLS_LAST;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 * The coverage of every compound of the graph, kept per compound and taken again only for the
 * compounds a change can have moved: the whole-graph compound coverage after a change costs the
 * compounds the change touched, not every compound of the province.
 *
 * <p>A compound's coverage is a function of the nodes and ties around it ({@code
 * cypher/fragments/compound-row.cypher}); {@code compound-coverage-compounds.cypher} reads it per
 * compound, whatever its kind, and {@code compound-coverage-touched.cypher} maps what a commit touched
 * to the compounds whose coverage reads it ({@link KeptRows}). The report for the kinds asked is put
 * together here in the order {@code compound-coverage.cypher} gives it, whose answer this one equals
 * ({@code CompoundLedgerIT}).
 *
 * <p>Kept per date asked, for the {@link KeptByDate#DATES} dates most recently asked; only with an
 * embedded database, whose commits this service sees.
 */
@Component
class CompoundLedger {

    /** A compound on one date: its kind and name, and the row compound-coverage.cypher lists for it. */
    record CompoundRow(String id, String kind, String name, boolean byNone, Map<String, Object> row) {

        @SuppressWarnings("unchecked")
        static CompoundRow of(Map<String, Object> r) {
            var row = (Map<String, Object>) r.get("row");
            return new CompoundRow(
                    (String) r.get("id"),
                    (String) r.get("kind"),
                    (String) r.get("name"),
                    Boolean.TRUE.equals(row.get("byNone")),
                    row);
        }

        boolean by(String way) {
            return Boolean.TRUE.equals(row.get(way));
        }
    }

    private final KeptRows<CompoundRow> compounds;
    private final boolean enabled;

    CompoundLedger(
            Graph graph,
            GraphVersion version,
            CypherCatalogue catalogue,
            @Value("${party-graph.coverage.compounds-kept-per-compound:true}") boolean enabled) {
        this.compounds = new KeptRows<>(
                graph,
                version,
                catalogue.get("compound-coverage-compounds").cypher(),
                "compoundIds",
                Map.of(),
                CompoundRow::of,
                CompoundRow::id,
                catalogue.get("compound-coverage-touched").cypher(),
                CompoundLedger::touched,
                "compoundsRead",
                "compounds",
                "units",
                "persons",
                "organizations",
                "grids");
        this.enabled = enabled;
    }

    /** Whether the whole-graph compound coverage is answered here (an embedded database, and not switched off). */
    boolean serves() {
        return enabled && compounds.watches();
    }

    /** Compounds read again so far for changes, and how many times all of them were. */
    Map<String, Long> counts() {
        return compounds.counts();
    }

    /**
     * The whole-graph coverage of the compounds of these kinds, as the row {@code
     * compound-coverage.cypher} returns with a null scope: total, byPropertyCompany, byOwnersCommittee,
     * byGrid, byNone, compounds.
     */
    Map<String, Object> compoundCoverage(List<String> compoundKinds, LocalDate asOf) {
        var kinds = Set.copyOf(compoundKinds);
        return compounds.answer(asOf, kept -> report(kept.values(), kinds));
    }

    /** Covered by none first, then by name and id, as compound-coverage.cypher orders them. */
    private static final Comparator<CompoundRow> ORDER = Comparator.comparing((CompoundRow c) -> !c.byNone())
            .thenComparing(CompoundRow::name, NULLS_LAST)
            .thenComparing(CompoundRow::id, NULLS_LAST);

    private static Map<String, Object> report(Collection<CompoundRow> kept, Set<String> kinds) {
        var chosen = new ArrayList<CompoundRow>();
        for (var c : kept) {
            if (c.kind() != null && kinds.contains(c.kind())) {
                chosen.add(c);
            }
        }
        chosen.sort(ORDER);
        var row = new LinkedHashMap<String, Object>();
        row.put("total", (long) chosen.size());
        for (String way : List.of("byPropertyCompany", "byOwnersCommittee", "byGrid", "byNone")) {
            row.put(way, chosen.stream().filter(c -> c.by(way)).count());
        }
        row.put("compounds", chosen.stream().map(CompoundRow::row).toList());
        return row;
    }

    /** What a commit touched that a compound's coverage reads, for compound-coverage-touched.cypher. */
    private static void touched(GraphVersion.Touched touched, KeptByDate.TouchedIds ids) {
        for (var n : touched.nodes()) {
            var labels = n.labels();
            // a deleted node's labels may be unknown: it may have been any of them
            if (labels.isEmpty() || labels.contains("Compound")) {
                ids.add("compounds", n.id());
            }
            if (labels.isEmpty() || labels.contains("Unit")) {
                ids.add("units", n.id());
            }
            if (labels.isEmpty() || labels.contains("Grid")) {
                ids.add("grids", n.id());
            }
            if (n.labelsChanged() && labels.contains("Person")) {
                ids.add("persons", n.id()); // only the label is read of a worker or member
            }
            if (n.labelsChanged() && labels.contains("PartyOrganization")) {
                ids.add("organizations", n.id()); // only the label is read of an organization
            }
        }
        for (var t : touched.ties()) {
            switch (t.type()) {
                case "MANAGED_BY", "HAS" -> ids.add("compounds", t.startId());
                case "COVERS" -> ids.add("compounds", t.endId());
                case "ESTABLISHED_IN", "WORKS_AT" -> ids.add("units", t.endId());
                case "MEMBER_OF" -> ids.add("persons", t.startId());
                case "GRID_WORKER_FOR" -> ids.add("grids", t.endId());
                default -> {} // no compound's coverage reads it
            }
        }
    }
}

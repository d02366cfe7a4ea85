package org.dangjian.graph.coverage;

import static org.dangjian.graph.queries.Rows.flag;
import static org.dangjian.graph.queries.Rows.list;
import static org.dangjian.graph.queries.Rows.number;
import static org.dangjian.graph.queries.Rows.text;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.UnitKind;
import org.dangjian.graph.paging.PageConnection;

/**
 * The coverage reports, as records named like the SDL's types so that schema inspection checks them.
 * Nodes (units, areas, grids, …) are {@link GraphNode}s; the generic node wiring resolves their fields.
 */
final class Reports {

    private Reports() {}

    record Rate(Double value, long numerator, long denominator) {

        static Rate of(long numerator, long denominator) {
            return new Rate(denominator == 0 ? null : (double) numerator / denominator, numerator, denominator);
        }

        /** For display: one decimal and a per-cent sign, e.g. {@code 87.5%}. */
        public String percent() {
            return value == null ? null : String.format(java.util.Locale.ROOT, "%.1f%%", value * 100);
        }
    }

    record CoverageReport(
            GraphNode scope,
            LocalDate asOf,
            List<UnitKind> unitKinds,
            long total,
            long organizational,
            long work,
            long uncoveredCount,
            long shouldBuildCount,
            Rate organizationalRate,
            Rate workRate,
            Rate totalRate,
            List<CoverageGroup> groups,
            PageConnection<UncoveredUnit> uncoveredPage,
            Request request) {}

    /** What a coverage report was asked, with the page of uncovered units fetched along with it. */
    record Request(
            String scope,
            List<UnitKind> unitKinds,
            CoverageGrouping groupBy,
            LocalDate asOf,
            int first,
            String after) {}

    record CoverageGroup(
            String key,
            String label,
            long total,
            long organizational,
            long work,
            long uncovered,
            long shouldBuild,
            Rate organizationalRate,
            Rate workRate,
            Rate totalRate) {

        static CoverageGroup of(Map<String, Object> g) {
            long total = number(g, "total");
            long organizational = number(g, "organizational");
            long work = number(g, "work");
            String label = text(g, "label");
            return new CoverageGroup(
                    text(g, "key"),
                    label == null ? "未归口" : label,
                    total,
                    organizational,
                    work,
                    number(g, "uncovered"),
                    number(g, "shouldBuild"),
                    Rate.of(organizational, total),
                    Rate.of(work, total),
                    Rate.of(organizational + work, total));
        }
    }

    record UncoveredUnit(
            String id,
            String name,
            GraphNode unit,
            boolean shouldBuild,
            long formalMembers,
            long partyMembers,
            GraphNode area,
            GraphNode bigCommunity,
            GraphNode managingOrganization) {

        static UncoveredUnit of(Map<String, Object> r) {
            return new UncoveredUnit(
                    text(r, "id"),
                    text(r, "name"),
                    GraphNode.of(r.get("unit")),
                    flag(r, "shouldBuild"),
                    number(r, "formalMembers"),
                    number(r, "partyMembers"),
                    GraphNode.of(r.get("area")),
                    GraphNode.of(r.get("bigCommunity")),
                    GraphNode.of(r.get("managingOrganization")));
        }
    }

    record CompoundCoverageReport(
            GraphNode scope,
            LocalDate asOf,
            long total,
            long byPropertyCompany,
            long byOwnersCommittee,
            long byGrid,
            long byNone,
            List<CompoundCoverage> compounds) {}

    record CompoundCoverage(
            GraphNode compound,
            List<PropertyCompanyCoverage> propertyCompanies,
            List<OwnersCommitteeCoverage> ownersCommittees,
            List<GridWorkers> grids,
            boolean byPropertyCompany,
            boolean byOwnersCommittee,
            boolean byGrid,
            boolean byNone) {

        static CompoundCoverage of(Map<String, Object> c) {
            return new CompoundCoverage(
                    GraphNode.of(c.get("compound")),
                    list(c.get("propertyCompanies")).stream()
                            .map(p -> new PropertyCompanyCoverage(
                                    text(p, "id"), text(p, "name"), flag(p, "hasOrganization")))
                            .toList(),
                    list(c.get("ownersCommittees")).stream()
                            .map(o -> new OwnersCommitteeCoverage(
                                    text(o, "id"), text(o, "name"), number(o, "partyMembers")))
                            .toList(),
                    list(c.get("grids")).stream().map(GridWorkers::of).toList(),
                    flag(c, "byPropertyCompany"),
                    flag(c, "byOwnersCommittee"),
                    flag(c, "byGrid"),
                    flag(c, "byNone"));
        }
    }

    record PropertyCompanyCoverage(String id, String name, boolean hasOrganization) {}

    record OwnersCommitteeCoverage(String id, String name, long partyMembers) {}

    record GridCoverageReport(
            GraphNode scope,
            LocalDate asOf,
            long total,
            long withoutWorkers,
            List<GridWorkers> grids,
            List<GraphNode> communitiesWithoutGrids) {}

    record GridWorkers(GraphNode grid, GraphNode area, long workers, List<WorkerCount> workersByKind) {

        static GridWorkers of(Map<String, Object> g) {
            return new GridWorkers(
                    GraphNode.of(g.get("grid")),
                    GraphNode.of(g.get("area")),
                    number(g, "workers"),
                    list(g.get("workersByKind")).stream()
                            .map(w -> new WorkerCount(text(w, "kind"), number(w, "workers")))
                            .toList());
        }
    }

    record WorkerCount(String kind, long workers) {}
}

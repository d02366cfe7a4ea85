package org.dangjian.graph.coverage;

import static org.dangjian.graph.queries.Rows.list;
import static org.dangjian.graph.queries.Rows.number;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.UnitKind;
import org.dangjian.graph.paging.KeysetCursors;
import org.dangjian.graph.paging.PageConnection;
import org.dangjian.graph.paging.Paging;
import org.dangjian.graph.queries.Answers;
import org.dangjian.graph.queries.NamedQueries;
import org.dangjian.graph.time.Today;
import org.springframework.stereotype.Service;

/**
 * Answers the coverage questions by running the named queries {@code coverage}, {@code
 * compound-coverage} and {@code grid-coverage}: two statements per report (the scope, then the
 * figures with the page of uncovered units included), and one more per further page of uncovered
 * units that a request asks with other arguments. Without a scope, the three reports come from what
 * {@link CoverageLedger}, {@link CompoundLedger} and {@link GridLedger} keep per unit, compound and
 * community.
 */
@Service
class CoverageService {

    private final NamedQueries queries;
    private final Answers answers;
    private final CoverageLedger ledger;
    private final GridLedger grids;
    private final CompoundLedger compounds;
    private final Today today;
    private final boolean scopesFromLedger;

    CoverageService(
            NamedQueries queries,
            Answers answers,
            CoverageLedger ledger,
            GridLedger grids,
            CompoundLedger compounds,
            Today today,
            @org.springframework.beans.factory.annotation.Value("${party-graph.coverage.scopes-from-ledger:true}")
                    boolean scopesFromLedger) {
        this.scopesFromLedger = scopesFromLedger;
        this.queries = queries;
        this.answers = answers;
        this.ledger = ledger;
        this.grids = grids;
        this.compounds = compounds;
        this.today = today;
    }

    public Reports.CoverageReport coverage(
            String scope, List<UnitKind> unitKinds, CoverageGrouping groupBy, LocalDate asOf, int first, String after) {
        Paging.first(first);
        var scopeNode = queries.scope(scope);
        var kinds = unitKinds == null || unitKinds.isEmpty() ? UnitKind.TWO_NEW : unitKinds;
        LocalDate date = today.orToday(asOf);
        var params = new HashMap<String, Object>();
        params.put("scope", scope);
        params.put("unitKinds", kinds.stream().map(Enum::name).toList());
        params.put("groupBy", groupBy == null ? null : groupBy.name());
        params.put("asOf", date);
        params.put("first", first);
        params.put("after", decode(after));
        // The whole graph from the coverage kept per unit (only the units a change touched are read
        // again); a scope from its own units' kept coverage when the date is kept, else by the statement.
        var kindNames = kinds.stream().map(Enum::name).toList();
        String grouping = groupBy == null ? null : groupBy.name();
        Map<String, Object> row;
        if (scope == null && ledger.serves()) {
            row = answers.value(
                    "coverage-ledger", params, () -> ledger.coverage(kindNames, grouping, date, first, decode(after)));
        } else if (scope != null && ledger.serves()) {
            // one kept answer whichever way it was taken: a date kept meanwhile does not ask it again
            row = answers.value("coverage-scope", params, () -> {
                if (scopesFromLedger && ledger.asked(date)) {
                    var unitIds = queries.scopeMembers("scope-units", scope, date);
                    var kept = ledger.coverageIfKept(unitIds, kindNames, grouping, date, first, decode(after));
                    if (kept.isPresent()) {
                        return kept.get();
                    }
                }
                return queries.row("coverage", params);
            });
        } else {
            row = queries.row("coverage", params);
        }
        long total = number(row, "total");
        long organizational = number(row, "organizational");
        long work = number(row, "work");
        long uncovered = number(row, "uncoveredCount");
        var page = list(row.get("uncoveredPage")).stream()
                .map(Reports.UncoveredUnit::of)
                .toList();
        return new Reports.CoverageReport(
                scopeNode,
                date,
                kinds,
                total,
                organizational,
                work,
                uncovered,
                number(row, "shouldBuild"),
                Reports.Rate.of(organizational, total),
                Reports.Rate.of(work, total),
                Reports.Rate.of(organizational + work, total),
                list(row.get("groups")).stream().map(Reports.CoverageGroup::of).toList(),
                PageConnection.of(page, first, uncovered, this::cursor),
                new Reports.Request(scope, unitKinds, groupBy, asOf, first, after));
    }

    public Reports.CompoundCoverageReport compoundCoverage(String scope, List<String> compoundKinds, LocalDate asOf) {
        var scopeNode = queries.scope(scope);
        LocalDate date = today.orToday(asOf);
        var params = new HashMap<String, Object>();
        params.put("scope", scope);
        List<String> kinds =
                compoundKinds == null || compoundKinds.isEmpty() ? List.of("RESIDENTIAL", "COMMERCIAL") : compoundKinds;
        params.put("compoundKinds", kinds);
        params.put("asOf", date);
        // the whole graph from the coverage kept per compound (only the compounds a change touched are read again)
        var row = scope == null && compounds.serves()
                ? answers.value("compound-coverage-ledger", params, () -> compounds.compoundCoverage(kinds, date))
                : queries.row("compound-coverage", params);
        return new Reports.CompoundCoverageReport(
                scopeNode,
                date,
                number(row, "total"),
                number(row, "byPropertyCompany"),
                number(row, "byOwnersCommittee"),
                number(row, "byGrid"),
                number(row, "byNone"),
                list(row.get("compounds")).stream()
                        .map(Reports.CompoundCoverage::of)
                        .toList());
    }

    public Reports.GridCoverageReport gridCoverage(String scope, LocalDate asOf) {
        var scopeNode = queries.scope(scope);
        LocalDate date = today.orToday(asOf);
        var params = new HashMap<String, Object>();
        params.put("scope", scope);
        params.put("asOf", date);
        // the whole graph from the grids kept per community (only the communities a change touched are read again)
        var row = scope == null && grids.serves()
                ? answers.value("grid-coverage-ledger", params, () -> grids.gridCoverage(date))
                : queries.row("grid-coverage", params);
        return new Reports.GridCoverageReport(
                scopeNode,
                date,
                number(row, "total"),
                number(row, "withoutWorkers"),
                list(row.get("grids")).stream().map(Reports.GridWorkers::of).toList(),
                GraphNode.list(row.get("communitiesWithoutGrids")));
    }

    private String cursor(Reports.UncoveredUnit unit) {
        var keys = new HashMap<String, Object>();
        keys.put("rank", unit.shouldBuild() ? 0 : 1);
        keys.put("name", unit.name());
        keys.put("id", unit.id());
        return KeysetCursors.encode(keys);
    }

    private List<Object> decode(String after) {
        if (after == null) {
            return null;
        }
        var keys = KeysetCursors.decode(after);
        return List.of(((Number) keys.get("rank")).intValue(), keys.get("name"), keys.get("id"));
    }
}

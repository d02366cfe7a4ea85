package org.dangjian.graph.statistics;

import static org.dangjian.graph.queries.Rows.list;
import static org.dangjian.graph.queries.Rows.map;
import static org.dangjian.graph.queries.Rows.number;
import static org.dangjian.graph.queries.Rows.text;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.queries.Answers;
import org.dangjian.graph.queries.NamedQueries;
import org.dangjian.graph.time.Today;
import org.springframework.stereotype.Service;

/**
 * Runs the named queries {@code statistics} and {@code statistics-all}: two statements per request,
 * one that finds the scope and one for the figures; the whole graph's figures are kept per type
 * ({@link StatisticsLedger}).
 */
@Service
class StatisticsService {

    record Statistics(
            Object scope,
            LocalDate asOf,
            List<NodeCount> nodes,
            List<TieCount> ties,
            Measures measures,
            long nodeTotal,
            long tieTotal) {}

    record NodeCount(String type, String kind, String category, long count) {}

    record TieCount(
            String relType, String fromType, String toType, String detail, long count, long starts, long ends) {}

    record Measures(
            long population,
            long households,
            long disputesSettled,
            long servedPerYear,
            long projectHouseholds,
            long projectSignedHouseholds) {}

    private final NamedQueries queries;
    private final Answers answers;
    private final StatisticsLedger ledger;
    private final Today today;

    StatisticsService(NamedQueries queries, Answers answers, StatisticsLedger ledger, Today today) {
        this.queries = queries;
        this.answers = answers;
        this.ledger = ledger;
        this.today = today;
    }

    public Statistics statistics(String scope, LocalDate asOf) {
        var scopeNode = queries.scope(scope);
        LocalDate date = today.orToday(asOf);
        var params = new HashMap<String, Object>();
        params.put("asOf", date);
        params.put("scope", scope);
        Map<String, Object> row;
        if (scope != null) {
            row = queries.row("statistics", params);
        } else if (ledger.serves()) {
            // kept in blocks of nodes, only the blocks a change touched counted again
            row = answers.value("statistics-ledger", params, () -> ledger.statistics(date));
        } else {
            row = queries.row("statistics-all", params);
        }
        var nodes = list(row.get("nodes")).stream()
                .map(n -> new NodeCount(text(n, "type"), text(n, "kind"), text(n, "category"), number(n, "count")))
                .toList();
        var ties = list(row.get("ties")).stream()
                .map(t -> new TieCount(
                        text(t, "relType"),
                        text(t, "fromType"),
                        text(t, "toType"),
                        text(t, "detail"),
                        number(t, "count"),
                        number(t, "starts"),
                        number(t, "ends")))
                .toList();
        var m = map(row.get("measures"));
        var measures = new Measures(
                number(m, "population"),
                number(m, "households"),
                number(m, "disputesSettled"),
                number(m, "servedPerYear"),
                number(m, "projectHouseholds"),
                number(m, "projectSignedHouseholds"));
        return new Statistics(
                scopeNode,
                date,
                nodes,
                ties,
                measures,
                nodes.stream().mapToLong(NodeCount::count).sum(),
                ties.stream().mapToLong(TieCount::count).sum());
    }
}

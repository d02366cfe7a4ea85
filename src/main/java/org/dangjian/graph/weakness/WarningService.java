package org.dangjian.graph.weakness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.paging.KeysetCursors;
import org.dangjian.graph.paging.PageConnection;
import org.dangjian.graph.paging.Paging;
import org.dangjian.graph.queries.NamedQueries;
import org.dangjian.graph.queries.Rows;
import org.dangjian.graph.time.Today;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes warning signs: what the graph suggests about organizations, each finding with the rule
 * that fired and its evidence. One statement for the scope and one per rule, whatever the size.
 */
@Service
class WarningService {

    /** One finding. */
    record WarningSign(
            String id, Object organization, WarningRule rule, String severity, Map<String, Object> evidence) {}

    private final NamedQueries queries;
    private final WeaknessService weakness;
    private final Today today;
    private final List<WarningRule> rules;

    WarningService(NamedQueries queries, WeaknessService weakness, Today today, WarningProperties properties) {
        this.queries = queries;
        this.weakness = weakness;
        this.today = today;
        this.rules = WarningRule.all(properties);
    }

    List<WarningRule> rules() {
        return rules;
    }

    @Transactional(readOnly = true)
    public PageConnection<WarningSign> warningSigns(
            String scope, List<String> ruleCodes, LocalDate asOf, int first, String after) {
        Paging.first(first);
        var selected = select(ruleCodes);
        LocalDate date = today.orToday(asOf);
        var orgIds = weakness.scopeIds(scope, date);
        var findings = new ArrayList<WarningSign>();
        for (var rule : selected) {
            var params = new HashMap<String, Object>(rule.thresholds());
            params.put("orgIds", orgIds);
            params.put("asOf", date);
            for (var row : queries.rows(rule.query(), params)) {
                var org = Rows.map(row.get("organization"));
                findings.add(new WarningSign(
                        rule.code() + ":" + org.get("id"), org, rule, rule.severity(), Rows.map(row.get("evidence"))));
            }
        }
        Comparator<WarningSign> order = Comparator.comparingInt(
                        (WarningSign w) -> w.rule().severityRank())
                .thenComparing(w -> name(w))
                .thenComparing(WarningSign::id);
        findings.sort(order);
        var start = after == null ? null : decode(after);
        var page = findings.stream()
                .filter(w -> start == null || order.compare(w, start) > 0)
                .limit(first + 1L)
                .toList();
        return PageConnection.of(page, first, findings.size(), this::cursor);
    }

    private List<WarningRule> select(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return rules;
        }
        var unknown = codes.stream()
                .filter(c -> rules.stream().noneMatch(r -> r.code().equals(c)))
                .toList();
        if (!unknown.isEmpty()) {
            throw ApiException.validation("Unknown warning rules " + unknown + "; known: "
                    + rules.stream().map(WarningRule::code).toList());
        }
        return rules.stream().filter(r -> codes.contains(r.code())).toList();
    }

    private static String name(WarningSign w) {
        Object name = Rows.map(w.organization()).get("name");
        return name == null ? "" : (String) name;
    }

    private String cursor(WarningSign w) {
        var keys = new HashMap<String, Object>();
        keys.put("rank", w.rule().severityRank());
        keys.put("name", name(w));
        keys.put("id", w.id());
        return KeysetCursors.encode(keys);
    }

    /** A stand-in finding carrying the cursor's keys, to compare findings against. */
    private WarningSign decode(String after) {
        var keys = KeysetCursors.decode(after);
        int rank = keys.get("rank") instanceof Number n ? n.intValue() : 2;
        var rule = new WarningRule("", "", "", "", "", rank == 0 ? "HIGH" : rank == 1 ? "MEDIUM" : "LOW", Map.of());
        return new WarningSign(
                (String) keys.get("id"),
                Map.of("name", String.valueOf(keys.get("name"))),
                rule,
                rule.severity(),
                Map.of());
    }
}

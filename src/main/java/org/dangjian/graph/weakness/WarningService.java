package org.dangjian.graph.weakness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.paging.KeysetCursors;
import org.dangjian.graph.paging.PageConnection;
import org.dangjian.graph.paging.Paging;
import org.dangjian.graph.queries.NamedQueries;
import org.dangjian.graph.queries.Rows;
import org.dangjian.graph.time.Today;
import org.springframework.stereotype.Service;

/**
 * Computes warning signs: what the graph suggests about organizations, each finding with the rule
 * that fired and its evidence. One statement for the scope and one per rule, whatever the size; or,
 * when the whole graph's findings are kept on the date asked ({@link WarningLedger}), one for the
 * scope and the page's evidence.
 */
@Service
class WarningService {

    /** One finding. */
    record WarningSign(
            String id, GraphNode organization, WarningRule rule, String severity, Map<String, Object> evidence) {}

    /** The order of findings: severity, organization name, finding id. */
    private static final Comparator<WarningSign> ORDER = Comparator.comparingInt(
                    (WarningSign w) -> w.rule().severityRank())
            .thenComparing(WarningService::name)
            .thenComparing(WarningSign::id);

    private final NamedQueries queries;
    private final WeaknessService weakness;
    private final Today today;
    private final List<WarningRule> rules;
    private final org.dangjian.graph.queries.Answers answers;
    private final WarningLedger ledger;
    private final boolean scopesFromLedger;

    WarningService(
            NamedQueries queries,
            WeaknessService weakness,
            Today today,
            WarningProperties properties,
            org.dangjian.graph.queries.Answers answers,
            WarningLedger ledger,
            @org.springframework.beans.factory.annotation.Value("${party-graph.warnings.scopes-from-ledger:true}")
                    boolean scopesFromLedger) {
        this.scopesFromLedger = scopesFromLedger;
        this.queries = queries;
        this.ledger = ledger;
        this.answers = answers;
        this.weakness = weakness;
        this.today = today;
        this.rules = WarningRule.all(properties);
    }

    List<WarningRule> rules() {
        return rules;
    }

    /**
     * A page of findings in the order severity, organization name, finding id. Without the total, each
     * rule pages itself in the database ({@code cypher/fragments/warning-page.cypher}: after the cursor,
     * at most one more than the page), so only the page's findings gather evidence, and the rules'
     * pages are merged here. The total needs every finding: then each rule runs once without its
     * paging fragment and the page is taken here.
     */
    public PageConnection<WarningSign> warningSigns(
            String scope, List<String> ruleCodes, LocalDate asOf, int first, String after, boolean countAll) {
        Paging.first(first);
        var selected = select(ruleCodes);
        LocalDate date = today.orToday(asOf);
        // The page and its total, kept until the graph changes: with the total, every finding of every
        // rule is read, seconds for a province; the page itself is small.
        var key = new HashMap<String, Object>();
        key.put("scope", scope);
        key.put("rules", selected.stream().map(WarningRule::code).toList());
        key.put("asOf", date);
        key.put("first", first);
        key.put("after", after);
        key.put("countAll", countAll);
        return answers.value("warningSigns", key, () -> {
            if (scope == null) {
                return ledger.serves()
                        ? fromLedger(ledger.findings(selected, date), date, first, after)
                        : findings(null, selected, date, first, after, countAll);
            }
            var orgIds = weakness.scopeIds(scope, date);
            if (scopesFromLedger && ledger.serves()) {
                var kept = ledger.findingsIfKept(selected, date, orgIds);
                if (kept.isPresent()) {
                    return fromLedger(kept.get(), date, first, after);
                }
            }
            return findings(orgIds, selected, date, first, after, countAll);
        });
    }

    /**
     * A page from the findings kept per organization ({@link WarningLedger}), the whole graph's or a
     * scope's: the total and the page's order from what is kept, the evidence of the page's findings
     * only, kept by the ledger until a change touches their organization ({@link
     * WarningLedger#evidence}), else read here.
     */
    private PageConnection<WarningSign> fromLedger(
            List<WarningLedger.Found> found, LocalDate date, int first, String after) {
        var start = after == null ? null : Cursor.decode(after);
        Comparator<WarningLedger.Found> order = Comparator.comparingInt(
                        (WarningLedger.Found f) -> f.rule().severityRank())
                .thenComparing(WarningLedger.Found::name)
                .thenComparing(WarningLedger.Found::id);
        // the first first + 1 after the cursor, without sorting every finding of the province
        var heap = new java.util.PriorityQueue<WarningLedger.Found>(first + 2, order.reversed());
        for (var f : found) {
            if (start != null && !after(f, start)) {
                continue;
            }
            heap.add(f);
            if (heap.size() > first + 1) {
                heap.poll();
            }
        }
        var signs = new ArrayList<WarningSign>();
        var shown = List.copyOf(heap);
        var kept = ledger.evidence(shown, date);
        if (kept.isPresent()) {
            for (var f : shown) {
                var row = kept.get().get(f.id());
                if (row != null) { // null: no longer a finding, by a commit after the one the findings are as of
                    signs.add(sign(f.rule(), row));
                }
            }
        } else {
            readEvidence(shown, date, signs);
        }
        signs.sort(ORDER);
        return PageConnection.of(signs.stream().limit(first + 1L).toList(), first, found.size(), this::cursor);
    }

    /** The signs of these findings with their evidence, read by their rules (one statement per rule). */
    private void readEvidence(List<WarningLedger.Found> shown, LocalDate date, List<WarningSign> signs) {
        var byRule = new java.util.LinkedHashMap<WarningRule, List<String>>();
        shown.forEach(
                f -> byRule.computeIfAbsent(f.rule(), r -> new ArrayList<>()).add(f.organizationId()));
        byRule.forEach((rule, orgIds) -> {
            var params = new HashMap<String, Object>(rule.thresholds());
            params.put("orgIds", orgIds);
            params.put("asOf", date);
            params.put("rule", rule.code());
            params.put("afterName", null);
            params.put("afterId", null);
            for (var row : queries.rowsWithout(rule.query(), "warning-page", params)) {
                signs.add(sign(rule, row));
            }
        });
    }

    private static boolean after(WarningLedger.Found f, Cursor start) {
        int rank = f.rule().severityRank();
        if (rank != start.rank()) {
            return rank > start.rank();
        }
        int byName = f.name().compareTo(start.name());
        return byName != 0 ? byName > 0 : f.id().compareTo(start.id()) > 0;
    }

    /** A page found by the rules themselves, among these organizations (all when null). */
    private PageConnection<WarningSign> findings(
            List<String> orgIds,
            List<WarningRule> selected,
            LocalDate date,
            int first,
            String after,
            boolean countAll) {
        var start = after == null ? null : Cursor.decode(after);
        var findings = new ArrayList<WarningSign>();
        long total = 0;
        for (var rule : selected) {
            var params = new HashMap<String, Object>(rule.thresholds());
            params.put("orgIds", orgIds);
            params.put("asOf", date);
            params.put("rule", rule.code());
            params.put("afterName", null);
            params.put("afterId", null);
            int rank = rule.severityRank();
            if (countAll) {
                // Every finding is needed for the total: the rule runs once, unpaged, as it did before
                // paging moved into the database, and the page is taken here.
                var rows = queries.rowsWithout(rule.query(), "warning-page", params);
                total += rows.size();
                for (var row : rows) {
                    var sign = sign(rule, row);
                    if (start == null || ORDER.compare(sign, start.stand()) > 0) {
                        findings.add(sign);
                    }
                }
                continue;
            }
            if (start != null && rank < start.rank()) {
                continue; // every finding of this rule comes before the cursor
            }
            if (start != null && rank == start.rank()) {
                params.put("afterName", start.name());
                params.put("afterId", start.id());
            }
            params.put("limit", first + 1);
            for (var row : queries.rows(rule.query(), params)) {
                findings.add(sign(rule, row));
            }
        }
        findings.sort(ORDER);
        var page = findings.stream().limit(first + 1L).toList();
        return PageConnection.of(page, first, total, this::cursor);
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
        Object name = w.organization().get("name");
        return name == null ? "" : (String) name;
    }

    private String cursor(WarningSign w) {
        var keys = new HashMap<String, Object>();
        keys.put("rank", w.rule().severityRank());
        keys.put("name", name(w));
        keys.put("id", w.id());
        return KeysetCursors.encode(keys);
    }

    private static WarningSign sign(WarningRule rule, Map<String, Object> row) {
        var org = GraphNode.of(row.get("organization"));
        return new WarningSign(
                WarningLedger.findingId(rule, org.id()), org, rule, rule.severity(), Rows.map(row.get("evidence")));
    }

    /** Where a page starts: after this severity rank, organization name and finding id. */
    private record Cursor(int rank, String name, String id) {

        /** A finding standing at the cursor, to compare others with. */
        WarningSign stand() {
            var rule = new WarningRule("", "", "", "", "", rank == 0 ? "HIGH" : rank == 1 ? "MEDIUM" : "LOW", Map.of());
            return new WarningSign(
                    id, new GraphNode("PartyOrganization", Map.of("name", name)), rule, rule.severity(), Map.of());
        }

        static Cursor decode(String after) {
            var keys = KeysetCursors.decode(after);
            if (!(keys.get("rank") instanceof Number rank) || !(keys.get("id") instanceof String id)) {
                throw ApiException.validation("Not a cursor of warningSigns: " + after);
            }
            return new Cursor(rank.intValue(), String.valueOf(keys.get("name")), id);
        }
    }
}

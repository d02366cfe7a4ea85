package org.dangjian.graph.weakness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The warning signs of the whole graph, kept per organization and rule and taken again only for the
 * organizations a change can have moved: the whole graph's warning signs after a change cost the
 * organizations it touched, not every organization of the province.
 *
 * <p>Each rule is a condition on one organization and what lies around it ({@code warning-*.cypher}).
 * After each commit, {@link GraphVersion#changesAfter} says which nodes and ties it touched; {@code
 * warning-organizations-touched.cypher} maps them to the organizations whose findings read them (a
 * superset), and each rule runs again for those organizations only. Kept: which organizations each
 * rule finds, with their names (the order of the findings). The page's evidence is read for the page's
 * findings only. Every organization is taken again when the organizations a change touched cannot be
 * told (a commit that touched more than {@link GraphVersion#MOST_TOUCHED} elements, commits older than
 * those remembered).
 *
 * <p>Kept per date asked, for the {@link KeptByDate#DATES} dates most recently asked; only with an embedded
 * database, whose commits this service sees.
 */
@Component
class WarningLedger {

    /** A finding as kept: the rule, the organization and its name (the order of the findings). */
    record Found(WarningRule rule, String organizationId, String name) {

        String id() {
            return rule.code() + ":" + organizationId;
        }
    }

    private final Graph graph;
    private final CypherCatalogue catalogue;
    private final String touchedCypher;
    private final boolean enabled;
    /** Per date, the findings of every rule: rule code → organization id → name. */
    private final KeptByDate<Map<String, Map<String, String>>> dates;

    private final AtomicLong organizationsRead = new AtomicLong();
    /** Every rule, with the service's thresholds: what is kept per date serves any selection of them. */
    private final List<WarningRule> rules;

    WarningLedger(
            Graph graph,
            GraphVersion version,
            CypherCatalogue catalogue,
            WarningProperties properties,
            @Value("${party-graph.warnings.kept-per-organization:true}") boolean enabled) {
        this.graph = graph;
        this.rules = WarningRule.all(properties);
        this.dates = new KeptByDate<>(version, new KeptByDate.Keeping<>() {
            @Override
            public Map<String, Map<String, String>> readAll(LocalDate asOf) {
                var findings = new HashMap<String, Map<String, String>>();
                for (var rule : rules) {
                    findings.put(rule.code(), new HashMap<>(run(rule, null, asOf)));
                }
                return findings;
            }

            @Override
            public boolean takeAgain(
                    Map<String, Map<String, String>> findings, GraphVersion.Changes changes, LocalDate asOf) {
                var touched = touchedOrganizations(changes);
                if (!touched.isEmpty()) {
                    var ids = List.copyOf(touched);
                    for (var rule : rules) {
                        var found = findings.computeIfAbsent(rule.code(), c -> new HashMap<>());
                        ids.forEach(found::remove);
                        found.putAll(run(rule, ids, asOf));
                    }
                    organizationsRead.addAndGet(ids.size());
                }
                return true;
            }
        });
        this.catalogue = catalogue;
        this.touchedCypher = catalogue.get("warning-organizations-touched").cypher();
        this.enabled = enabled;
    }

    /** Whether the whole graph's findings are kept here (an embedded database, and not switched off). */
    boolean serves() {
        return enabled && dates.watches();
    }

    /** Organizations whose rules ran again so far (for a change, or all of them), and how many times all did. */
    Map<String, Long> counts() {
        return dates.counts("organizationsRead", organizationsRead.get());
    }

    /**
     * Every finding of the given rules over the whole graph, as of the commits seen so far. Every rule
     * is kept, with the service's thresholds, so what is kept per date serves any selection.
     */
    List<Found> findings(List<WarningRule> selected, LocalDate asOf) {
        return dates.answer(asOf, findings -> {
            var out = new ArrayList<Found>();
            for (var rule : selected) {
                findings.getOrDefault(rule.code(), Map.of()).forEach((id, name) -> out.add(new Found(rule, id, name)));
            }
            return out;
        });
    }

    /**
     * The findings of the given rules among these organizations (a scope's), from what is kept on this
     * date; empty when the date is not kept or cannot be caught up with at once ({@link
     * KeptByDate#answerIfKept}): the scope is then read by the rules themselves.
     */
    java.util.Optional<List<Found>> findingsIfKept(List<WarningRule> selected, LocalDate asOf, List<String> orgIds) {
        return dates.answerIfKept(asOf, findings -> {
            var out = new ArrayList<Found>();
            for (var rule : selected) {
                var found = findings.getOrDefault(rule.code(), Map.of());
                for (String id : orgIds) {
                    String name = found.get(id);
                    if (name != null) {
                        out.add(new Found(rule, id, name));
                    }
                }
            }
            return out;
        });
    }

    /** Whether the findings on this date are kept (for tests: a background read has finished). */
    boolean keeps(LocalDate asOf) {
        return dates.keeps(asOf);
    }

    /** The organizations a rule finds among these (all when null): id → name. */
    private Map<String, String> run(WarningRule rule, List<String> orgIds, LocalDate asOf) {
        var params = new HashMap<String, Object>(rule.thresholds());
        params.put("orgIds", orgIds);
        params.put("asOf", asOf);
        params.put("rule", rule.code());
        params.put("afterName", null);
        params.put("afterId", null);
        var found = new HashMap<String, String>();
        // not through the kept answers: the ledger is what keeps them
        for (var row : graph.rows(catalogue.without(rule.query(), "warning-page"), params)) {
            if (row.get("organization") instanceof Map<?, ?> o && o.get("id") instanceof String id) {
                found.put(id, o.get("name") instanceof String name ? name : "");
            }
        }
        return found;
    }

    /** The ids of the organizations whose findings the changes can have moved. */
    private Set<String> touchedOrganizations(GraphVersion.Changes changes) {
        var ids = new KeptByDate.TouchedIds("organizations", "units", "areas", "activities", "persons");
        for (var touched : changes.touched()) {
            for (var n : touched.nodes()) {
                var labels = n.labels();
                if (labels.isEmpty() || labels.contains("PartyOrganization")) {
                    ids.add("organizations", n.id()); // a deleted node's labels may be unknown
                }
                if (labels.contains("Unit")) {
                    ids.add("units", n.id());
                }
                if (labels.contains("Area")) {
                    ids.add("areas", n.id());
                }
                if (labels.contains("Activity")) {
                    ids.add("activities", n.id());
                }
                if (labels.contains("Person")) {
                    ids.add("persons", n.id());
                }
            }
            for (var t : touched.ties()) {
                switch (t.type()) {
                    case "MEMBER_OF", "HELD_BY" -> ids.add("organizations", t.endId());
                    case "HOLDS_POST" -> {
                        ids.add("organizations", t.endId());
                        ids.addAll("units", t.mentions()); // a part-time post on behalf of a unit
                    }
                    case "ESTABLISHED_IN", "LEADS", "PROVIDES" -> ids.add("organizations", t.startId());
                    case "PAIRED_WITH" -> {
                        for (String end : new String[] {t.startId(), t.endId()}) {
                            ids.add("organizations", end);
                            ids.add("units", end);
                            ids.add("areas", end);
                        }
                    }
                    default -> {} // no rule reads it
                }
            }
        }
        return ids.mapped(graph, touchedCypher);
    }
}

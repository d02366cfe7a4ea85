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
 * findings only, and kept for the {@link #EVIDENCE_KEPT} findings whose evidence was last read, until a
 * change touches their organization (the rules read the evidence with the finding, so what moves one
 * moves the other): a page asked again after an edit elsewhere reads nothing, and after an edit of one
 * of its organizations, only what the rules read for it again. Every organization is taken again when
 * the organizations a change touched cannot be told (a commit that touched more than {@link
 * GraphVersion#MOST_TOUCHED} elements, commits older than those remembered).
 *
 * <p>Kept per date asked, for the {@link KeptByDate#DATES} dates most recently asked; only with an embedded
 * database, whose commits this service sees.
 */
@Component
class WarningLedger {

    /** A finding as kept: the rule, the organization and its name (the order of the findings). */
    record Found(WarningRule rule, String organizationId, String name) {

        String id() {
            return findingId(rule, organizationId);
        }
    }

    private final Graph graph;
    private final CypherCatalogue catalogue;
    private final String touchedCypher;
    private final boolean enabled;
    /**
     * What is kept for one date: the findings of every rule (rule code → organization id → name), and
     * the rows (organization, evidence) of the findings last shown (finding id → row), at most {@link
     * #EVIDENCE_KEPT}, least recently shown first out.
     */
    static final class Kept {
        final Map<String, Map<String, String>> findings = new HashMap<>();
        final Map<String, Map<String, Object>> evidence = new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
                return size() > EVIDENCE_KEPT;
            }
        };
    }

    /** How many findings' evidence is kept per date (a page shows 20 or so). */
    static final int EVIDENCE_KEPT = 2_000;

    /** Per date, the findings of every rule and the evidence of those last shown. */
    private final KeptByDate<Kept> dates;

    private final AtomicLong organizationsRead = new AtomicLong();
    private final AtomicLong evidenceRead = new AtomicLong();

    /** A finding's id, as the API shows it: the rule's code and the organization's id. */
    static String findingId(WarningRule rule, String organizationId) {
        return rule.code() + ":" + organizationId;
    }
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
            public Kept readAll(LocalDate asOf) {
                var kept = new Kept();
                for (var rule : rules) {
                    kept.findings.put(rule.code(), names(run(rule, null, asOf)));
                }
                return kept;
            }

            @Override
            public boolean takeAgain(Kept kept, GraphVersion.Changes changes, LocalDate asOf) {
                var touched = touchedOrganizations(changes);
                if (!touched.isEmpty()) {
                    var ids = List.copyOf(touched);
                    for (var rule : rules) {
                        var found = kept.findings.computeIfAbsent(rule.code(), c -> new HashMap<>());
                        var rows = run(rule, ids, asOf);
                        for (String id : ids) {
                            found.remove(id);
                            kept.evidence.remove(findingId(rule, id));
                        }
                        found.putAll(names(rows));
                        // the evidence read with them, for the pages that show them
                        rows.forEach((id, row) -> kept.evidence.put(findingId(rule, id), row));
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

    /**
     * Organizations whose rules ran again so far (for a change, or all of them), findings whose evidence
     * a page had to read ({@code evidenceRead}), and how many times all were read.
     */
    Map<String, Long> counts() {
        var counts = new HashMap<>(dates.counts("organizationsRead", organizationsRead.get()));
        counts.put("evidenceRead", evidenceRead.get());
        return Map.copyOf(counts);
    }

    /**
     * Every finding of the given rules over the whole graph, as of the commits seen so far. Every rule
     * is kept, with the service's thresholds, so what is kept per date serves any selection.
     */
    List<Found> findings(List<WarningRule> selected, LocalDate asOf) {
        return dates.answer(asOf, kept -> {
            var out = new ArrayList<Found>();
            for (var rule : selected) {
                kept.findings
                        .getOrDefault(rule.code(), Map.of())
                        .forEach((id, name) -> out.add(new Found(rule, id, name)));
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
        return dates.answerIfKept(asOf, kept -> {
            var out = new ArrayList<Found>();
            for (var rule : selected) {
                var found = kept.findings.getOrDefault(rule.code(), Map.of());
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

    /**
     * The rows (organization, evidence) of these findings, as their rules return them, by finding id:
     * those kept since the rules last read them, the others read now (one statement per rule) and kept.
     * Under the date's lock, so that no catch-up comes between a row read and its keeping: a row
     * kept is as new as the last change to its organization that the date has caught up with. Empty
     * when the date is not kept (the caller reads them itself).
     */
    java.util.Optional<Map<String, Map<String, Object>>> evidence(List<Found> shown, LocalDate asOf) {
        return dates.useIfKept(asOf, kept -> {
            var out = new HashMap<String, Map<String, Object>>();
            var missing = new java.util.LinkedHashMap<WarningRule, List<String>>();
            for (var f : shown) {
                var row = kept.evidence.get(f.id());
                if (row != null) {
                    out.put(f.id(), row);
                } else {
                    missing.computeIfAbsent(f.rule(), r -> new ArrayList<>()).add(f.organizationId());
                }
            }
            missing.forEach((rule, ids) -> run(rule, ids, asOf).forEach((id, row) -> {
                kept.evidence.put(findingId(rule, id), row);
                out.put(findingId(rule, id), row);
            }));
            evidenceRead.addAndGet(
                    missing.values().stream().mapToLong(List::size).sum());
            return out;
        });
    }

    /** Whether the findings on this date are kept (for tests: a background read has finished). */
    boolean keeps(LocalDate asOf) {
        return dates.keeps(asOf);
    }

    /** The organizations a rule finds among these (all when null): id → its row (organization, evidence). */
    private Map<String, Map<String, Object>> run(WarningRule rule, List<String> orgIds, LocalDate asOf) {
        var params = new HashMap<String, Object>(rule.thresholds());
        params.put("orgIds", orgIds);
        params.put("asOf", asOf);
        params.put("rule", rule.code());
        params.put("afterName", null);
        params.put("afterId", null);
        var found = new HashMap<String, Map<String, Object>>();
        // not through the kept answers: the ledger is what keeps them
        for (var row : graph.rows(catalogue.without(rule.query(), "warning-page"), params)) {
            if (row.get("organization") instanceof Map<?, ?> o && o.get("id") instanceof String id) {
                found.put(id, java.util.Collections.unmodifiableMap(row)); // shared by the pages that show it
            }
        }
        return found;
    }

    /** Each organization's name, from the rows of {@link #run} (the order of the findings). */
    private static Map<String, String> names(Map<String, Map<String, Object>> rows) {
        var names = new HashMap<String, String>();
        rows.forEach((id, row) -> names.put(
                id, row.get("organization") instanceof Map<?, ?> o && o.get("name") instanceof String n ? n : ""));
        return names;
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

package org.dangjian.graph.weakness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.database.GraphVersion;
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
 * <p>Kept per date asked, for the {@link #DATES} dates most recently asked; only with an embedded
 * database, whose commits this service sees.
 */
@Component
class WarningLedger {

    /** How many dates (asOf) are kept. */
    static final int DATES = 3;

    /** A finding as kept: the rule, the organization and its name (the order of the findings). */
    record Found(WarningRule rule, String organizationId, String name) {

        String id() {
            return rule.code() + ":" + organizationId;
        }
    }

    /** The findings of every rule on one date, as of one version of the graph: rule code → organization id → name. */
    private static final class Kept {
        long version = GraphVersion.UNKNOWN;
        Map<String, Map<String, String>> findings;
    }

    private final Graph graph;
    private final GraphVersion version;
    private final CypherCatalogue catalogue;
    private final String touchedCypher;
    private final boolean enabled;
    private final Map<LocalDate, Kept> dates = new LinkedHashMap<>(DATES * 2, 0.75f, true);
    private final AtomicLong organizationsRead = new AtomicLong();
    private final AtomicLong fullReads = new AtomicLong();

    WarningLedger(
            Graph graph,
            GraphVersion version,
            CypherCatalogue catalogue,
            @Value("${party-graph.warnings.kept-per-organization:true}") boolean enabled) {
        this.graph = graph;
        this.version = version;
        this.catalogue = catalogue;
        this.touchedCypher = catalogue.get("warning-organizations-touched").cypher();
        this.enabled = enabled;
    }

    /** Whether the whole graph's findings are kept here (an embedded database, and not switched off). */
    boolean serves() {
        return enabled && version.current() != GraphVersion.UNKNOWN;
    }

    /** Organizations whose rules ran again so far (for a change, or all of them), and how many times all did. */
    Map<String, Long> counts() {
        return Map.of("organizationsRead", organizationsRead.get(), "fullReads", fullReads.get());
    }

    /**
     * Every finding of the given rules over the whole graph, as of the commits seen so far. The rules
     * are always all of them with the same thresholds (the service's), so what is kept per date serves
     * any selection.
     */
    List<Found> findings(List<WarningRule> all, List<WarningRule> selected, LocalDate asOf) {
        Kept kept;
        synchronized (dates) {
            kept = dates.computeIfAbsent(asOf, d -> new Kept());
            while (dates.size() > DATES) {
                dates.remove(dates.keySet().iterator().next()); // the date least recently asked
            }
        }
        synchronized (kept) {
            update(kept, all, asOf);
            var out = new ArrayList<Found>();
            for (var rule : selected) {
                kept.findings
                        .getOrDefault(rule.code(), Map.of())
                        .forEach((id, name) -> out.add(new Found(rule, id, name)));
            }
            return out;
        }
    }

    private void update(Kept kept, List<WarningRule> rules, LocalDate asOf) {
        if (kept.findings == null) {
            readAll(kept, rules, asOf);
            return;
        }
        var changes = version.changesAfter(kept.version);
        if (changes.isEmpty() || changes.get().everything()) {
            readAll(kept, rules, asOf);
            return;
        }
        if (changes.get().touched().isEmpty()) {
            return;
        }
        var touched = touchedOrganizations(changes.get());
        if (!touched.isEmpty()) {
            var ids = List.copyOf(touched);
            for (var rule : rules) {
                var found = kept.findings.computeIfAbsent(rule.code(), c -> new HashMap<>());
                ids.forEach(found::remove);
                found.putAll(run(rule, ids, asOf));
            }
            organizationsRead.addAndGet(ids.size());
        }
        kept.version = changes.get().version();
    }

    private void readAll(Kept kept, List<WarningRule> rules, LocalDate asOf) {
        long v = version.current(); // read before the statements: later commits are looked at again next time
        var findings = new HashMap<String, Map<String, String>>();
        for (var rule : rules) {
            findings.put(rule.code(), new HashMap<>(run(rule, null, asOf)));
        }
        kept.findings = findings;
        kept.version = v;
        fullReads.incrementAndGet();
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
        Set<String> organizations = new HashSet<>(), units = new HashSet<>(), areas = new HashSet<>();
        Set<String> activities = new HashSet<>(), persons = new HashSet<>();
        for (var touched : changes.touched()) {
            for (var n : touched.nodes()) {
                var labels = n.labels();
                if (labels.isEmpty() || labels.contains("PartyOrganization")) {
                    organizations.add(n.id()); // a deleted node's labels may be unknown
                }
                if (labels.contains("Unit")) {
                    units.add(n.id());
                }
                if (labels.contains("Area")) {
                    areas.add(n.id());
                }
                if (labels.contains("Activity")) {
                    activities.add(n.id());
                }
                if (labels.contains("Person")) {
                    persons.add(n.id());
                }
            }
            for (var t : touched.ties()) {
                switch (t.type()) {
                    case "MEMBER_OF", "HELD_BY" -> add(organizations, t.endId());
                    case "HOLDS_POST" -> {
                        add(organizations, t.endId());
                        units.addAll(t.mentions()); // a part-time post on behalf of a unit
                    }
                    case "ESTABLISHED_IN", "LEADS", "PROVIDES" -> add(organizations, t.startId());
                    case "PAIRED_WITH" -> {
                        for (String end : new String[] {t.startId(), t.endId()}) {
                            add(organizations, end);
                            add(units, end);
                            add(areas, end);
                        }
                    }
                    default -> {} // no rule reads it
                }
            }
        }
        var params = new HashMap<String, Object>();
        params.put("organizations", List.copyOf(organizations));
        params.put("units", List.copyOf(units));
        params.put("areas", List.copyOf(areas));
        params.put("activities", List.copyOf(activities));
        params.put("persons", List.copyOf(persons));
        var row = graph.row(touchedCypher, params);
        var ids = new HashSet<String>();
        if (row != null && row.get("ids") instanceof List<?> list) {
            list.stream().filter(Objects::nonNull).forEach(id -> ids.add((String) id));
        }
        return ids;
    }

    private static void add(Set<String> ids, String id) {
        if (id != null) {
            ids.add(id);
        }
    }
}

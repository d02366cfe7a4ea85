package org.dangjian.graph.audit;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.paging.KeysetCursors;
import org.dangjian.graph.paging.PageConnection;
import org.dangjian.graph.paging.Paging;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.PersonalData;
import org.dangjian.graph.security.Sealing;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit trail: one {@code (:AuditEvent)} node per mutation, import and console query,
 * with who, when, what, which ids and whether it succeeded. A successful change writes its event in
 * its own transaction ({@link #recordHere}), so the change and its record commit together or not at
 * all; a refused or failed request is recorded afterwards in a transaction of its own ({@link
 * #recordAlone}). Arguments are stored as JSON with personal values masked. Nothing in the API changes
 * or deletes an event: the generic mutations only reach labels of the model, and the console is
 * read-only.
 */
@Service
public class AuditTrail {

    /** What kind of operation was recorded. */
    public enum Kind {
        MUTATION,
        CONSOLE,
        IMPORT
    }

    /** One event before it is written. */
    public record Event(
            Kind kind,
            String operation,
            String operationName,
            Caller caller,
            Map<String, Object> arguments,
            Set<String> ids,
            boolean success,
            String errorCode,
            String error) {}

    /** One recorded event as the API shows it. */
    public record Recorded(
            String id,
            ZonedDateTime at,
            String user,
            List<String> roles,
            List<String> jurisdictions,
            String kind,
            String operation,
            String operationName,
            List<String> ids,
            boolean success,
            String errorCode,
            String error,
            Object arguments) {}

    private static final int MAX_TEXT = 4_000;

    private final Graph graph;
    private final JsonMapper json;
    private final TransactionTemplate alone;
    private final ZoneId zone;
    private final AuditChain chain;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final Changes changes;
    private final org.dangjian.graph.database.WritePause pause;

    AuditTrail(
            Graph graph,
            JsonMapper json,
            PlatformTransactionManager transactions,
            Sealing sealing,
            @Value("${party-graph.time-zone:Asia/Shanghai}") String zone,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters,
            Changes changes,
            org.dangjian.graph.database.WritePause pause) {
        this.pause = pause;
        this.meters = meters.getIfAvailable();
        this.changes = changes;
        this.graph = graph;
        this.json = json;
        this.chain = new AuditChain(sealing, json);
        this.alone = new TransactionTemplate(transactions);
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.zone = ZoneId.of(zone);
    }

    /**
     * Writes the event in the current transaction: it commits or rolls back with the change. Events
     * form one chain: the head of the trail is locked, the event takes the next sequence number and a
     * link that authenticates its fields and the link before it ({@link AuditChain}), and the head
     * moves on; so appends take turns, and an event altered, removed or inserted by anyone without
     * the key breaks the chain at that point.
     */
    public void recordHere(Event event) {
        var p = parameters(event);
        var head = graph.row("""
                MERGE (h:AuditHead {name: 'audit'}) ON CREATE SET h.seq = 0, h.link = ''
                SET h.`__lock` = true REMOVE h.`__lock`
                RETURN h.seq AS seq, h.link AS link""", Map.of());
        long seq = ((Number) head.get("seq")).longValue() + 1;
        p.put("seq", seq);
        p.put("link", chain.link((String) head.get("link"), p));
        graph.run("""
                MATCH (h:AuditHead {name: 'audit'})
                CREATE (:AuditEvent {id: $id, seq: $seq, at: $at, user: $user, roles: $roles, kind: $kind,
                  operation: $operation, operationName: $operationName, ids: $ids, success: $success, jurisdictions: $jurisdictions,
                  errorCode: $errorCode, error: $error, arguments: $arguments, link: $link})
                SET h.seq = $seq, h.link = $link""", p);
        afterCommit(() -> committed(event, p));
    }

    /**
     * What follows an event's commit, and only its commit (a rolled-back attempt, retried or not, counts
     * and publishes nothing): the metric of audited events, and the change for the {@code changes}
     * subscription.
     */
    private void committed(Event event, Map<String, Object> p) {
        if (meters != null) {
            io.micrometer.core.instrument.Counter.builder("party_graph.audited")
                    .description(
                            "Mutations, console statements and imports by outcome, as the audit trail records them")
                    .tag("kind", event.kind().name())
                    .tag("outcome", event.success() ? "OK" : String.valueOf(event.errorCode()))
                    .register(meters)
                    .increment();
        }
        if (event.success() && event.kind() != Kind.CONSOLE) {
            @SuppressWarnings("unchecked")
            var ids = (List<String>) p.get("ids");
            changes.emit(new Changes.Change(
                    Changes.kind(event.kind(), event.operation()),
                    event.operation(),
                    ids,
                    event.caller().name(),
                    (String) p.get("id"),
                    (ZonedDateTime) p.get("at")));
        }
    }

    private static void afterCommit(Runnable action) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            action.run();
                        }
                    });
        } else {
            action.run();
        }
    }

    /** Walks the chain from its first event; names the first broken link, if any. */
    public AuditChain.Verification verify() {
        return chain.verify(graph);
    }

    /** Writes the event in a transaction of its own, for refusals and failures. */
    public void recordAlone(Event event) {
        pause.writing(() -> alone.executeWithoutResult(status -> recordHere(event)));
    }

    private Map<String, Object> parameters(Event event) {
        var p = new HashMap<String, Object>();
        p.put("id", "audit-" + UUID.randomUUID());
        p.put("at", ZonedDateTime.now(zone));
        p.put("user", event.caller().name());
        p.put("roles", event.caller().roleNames());
        p.put("jurisdictions", event.caller().restricted() ? event.caller().jurisdictionIds() : null);
        p.put("kind", event.kind().name());
        p.put("operation", event.operation());
        p.put("operationName", event.operationName());
        p.put("ids", List.copyOf(event.ids() == null ? Set.of() : event.ids()));
        p.put("success", event.success());
        p.put("errorCode", event.errorCode());
        // Readers of the store (console, Bolt) see these two sealed: an administrator's console text
        // may hold values that are personal, and only the trail's API opens them.
        p.put("error", chain.seal((String) p.get("id"), "error", clip(event.error())));
        p.put(
                "arguments",
                chain.seal(
                        (String) p.get("id"),
                        "arguments",
                        clip(json.writeValueAsString(PersonalData.maskDeep(event.arguments())))));
        return p;
    }

    /** The ids an operation names or returns: values of keys {@code id}, {@code …Id}, {@code …Ids}. */
    public static Set<String> ids(Object... values) {
        var out = new LinkedHashSet<String>();
        for (Object value : values) {
            collect(value, null, out, 0);
        }
        return out;
    }

    private static void collect(Object value, String key, Set<String> out, int depth) {
        if (value == null || depth > 4 || out.size() >= 100) {
            return;
        }
        boolean idKey = key != null && (key.equals("id") || key.endsWith("Id") || key.endsWith("Ids"));
        if (value instanceof String s) {
            if (idKey) {
                out.add(s);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, String.valueOf(k), out, depth + 1));
        } else if (value instanceof Iterable<?> list) {
            list.forEach(v -> collect(v, idKey ? key : null, out, depth + 1));
        } else if (value instanceof Record record) {
            for (var component : record.getClass().getRecordComponents()) {
                try {
                    // payload records are package-private in their feature's package
                    var accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    collect(accessor.invoke(record), component.getName(), out, depth + 1);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // a component that cannot be read names no id
                }
            }
        }
    }

    /** One page of all events, newest first. */
    public PageConnection<Recorded> page(Map<String, Object> filter, int first, String after) {
        return page(filter, first, after, null);
    }

    /**
     * One page of events, newest first. With {@code within} (the ids inside an administrator's
     * jurisdiction), only the events about nodes inside it: some id an event names lies inside, and
     * none that names a node lies outside.
     */
    public PageConnection<Recorded> page(Map<String, Object> filter, int first, String after, Set<String> within) {
        Paging.first(first);
        var p = new HashMap<String, Object>();
        var f = filter == null ? Map.<String, Object>of() : filter;
        for (String key : List.of("user", "kind", "operation", "success", "touching", "since", "before")) {
            p.put(key, f.get(key));
        }
        var where = """
                WHERE ($user IS NULL OR a.user = $user) AND ($kind IS NULL OR a.kind = $kind)
                  AND ($operation IS NULL OR a.operation = $operation)
                  AND ($success IS NULL OR a.success = $success)
                  AND ($touching IS NULL OR $touching IN a.ids)
                  AND ($since IS NULL OR a.at >= $since) AND ($before IS NULL OR a.at < $before)""";
        if (within != null) {
            where += """

                  AND any(i IN a.ids WHERE i IN $within)
                  AND all(i IN a.ids WHERE i IN $within OR NOT any(x IN $nodePrefixes WHERE i STARTS WITH x))""";
            p.put("within", List.copyOf(within));
            p.put(
                    "nodePrefixes",
                    GraphModel.nodeTypes().stream().map(t -> t.idPrefix() + "-").toList());
        }
        long total = ((Number) graph.row("MATCH (a:AuditEvent) " + where + " RETURN count(a) AS n", p)
                        .get("n"))
                .longValue();
        p.put("afterAt", null);
        p.put("afterId", null);
        if (after != null) {
            var keys = KeysetCursors.decode(after);
            try {
                p.put("afterAt", ZonedDateTime.parse((String) keys.get("at")));
            } catch (RuntimeException e) {
                throw ApiException.validation("after is not a cursor of this list");
            }
            p.put("afterId", keys.get("id"));
        }
        p.put("limit", first + 1);
        var rows = graph.rows("MATCH (a:AuditEvent) " + where + """

                  AND ($afterAt IS NULL OR a.at < $afterAt OR (a.at = $afterAt AND a.id < $afterId))
                RETURN a {.*} AS event ORDER BY a.at DESC, a.id DESC LIMIT $limit""", p);
        var events = new ArrayList<Recorded>();
        for (var row : rows) {
            @SuppressWarnings("unchecked")
            var e = (Map<String, Object>) row.get("event");
            Object arguments = e.get("arguments");
            events.add(new Recorded(
                    (String) e.get("id"),
                    (ZonedDateTime) e.get("at"),
                    (String) e.get("user"),
                    strings(e.get("roles")),
                    e.get("jurisdictions") == null ? List.of() : strings(e.get("jurisdictions")),
                    (String) e.get("kind"),
                    (String) e.get("operation"),
                    (String) e.get("operationName"),
                    strings(e.get("ids")),
                    Boolean.TRUE.equals(e.get("success")),
                    (String) e.get("errorCode"),
                    chain.open((String) e.get("id"), "error", e.get("error")),
                    arguments == null
                            ? null
                            : json.readValue(chain.open((String) e.get("id"), "arguments", arguments), Object.class)));
        }
        return PageConnection.of(events, first, total, e -> {
            var keys = new HashMap<String, Object>();
            keys.put("at", e.at().toString());
            keys.put("id", e.id());
            return KeysetCursors.encode(keys);
        });
    }

    private static List<String> strings(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}

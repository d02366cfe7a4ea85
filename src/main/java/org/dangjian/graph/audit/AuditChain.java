package org.dangjian.graph.audit;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.security.Seal;
import org.dangjian.graph.security.Sealing;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail's seal and chain. Each event's free text (arguments, error) is sealed like personal
 * data; each event carries a link, a tag under the service's key over its fields and the link of the
 * event before it. Altering, removing or inserting an event through Bolt or the store files, without
 * the key, breaks the chain at that event, and {@link #verify} names it. Without a key (a graph with
 * no personal data) the text stays plain and no link is made: the trail is then only append-only.
 */
final class AuditChain {

    /** How a trail's check ended. */
    public record Verification(
            boolean intact, long checked, long unchained, String firstBrokenId, Long firstBrokenSeq, String reason) {}

    private static final int BATCH = 5_000;

    private final Sealing sealing;
    private final JsonMapper json;

    AuditChain(Sealing sealing, JsonMapper json) {
        this.sealing = sealing;
        this.json = json;
    }

    String seal(String id, String field, String text) {
        return text == null || !sealing.available() ? text : sealing.seal().seal("AuditEvent", field, id, text);
    }

    String open(String id, String field, Object stored) {
        if (stored == null) {
            return null;
        }
        return Seal.isSealed(stored) ? sealing.seal().open("AuditEvent", field, id, stored) : (String) stored;
    }

    /** The link of an event whose fields are in {@code p}, after the event whose link is {@code previous}. */
    String link(String previous, Map<String, Object> p) {
        return sealing.available() ? sealing.seal().authenticate(canonical(previous, p)) : null;
    }

    private byte[] canonical(String previous, Map<String, ?> e) {
        var fields = new ArrayList<Object>();
        fields.add(((Number) e.get("seq")).longValue());
        fields.add(e.get("id"));
        fields.add(e.get("at") instanceof ZonedDateTime at ? at.toInstant().toString() : String.valueOf(e.get("at")));
        for (String key : List.of(
                "user",
                "roles",
                "kind",
                "operation",
                "operationName",
                "ids",
                "success",
                "errorCode",
                "error",
                "arguments")) {
            fields.add(e.get(key));
        }
        if (e.get("jurisdictions") != null) { // only restricted callers' events have them
            fields.add(e.get("jurisdictions"));
        }
        fields.add(previous == null ? "" : previous);
        return json.writeValueAsBytes(fields);
    }

    /** Walks the chain in order; the first event that does not fit, or the end the head does not name. */
    Verification verify(Graph graph) {
        long unchained = ((Number) graph.row("MATCH (a:AuditEvent) WHERE a.seq IS NULL RETURN count(a) AS n", Map.of())
                        .get("n"))
                .longValue();
        if (!sealing.available()) {
            return new Verification(false, 0, unchained, null, null, "no key is configured: the trail is not chained");
        }
        var seal = sealing.seal();
        long checked = 0;
        long expected = 1;
        String previous = "";
        while (true) {
            var rows = graph.rows(
                    "MATCH (a:AuditEvent) WHERE a.seq >= $from RETURN a {.*} AS e ORDER BY a.seq LIMIT $batch",
                    Map.of("from", expected, "batch", BATCH));
            if (rows.isEmpty()) {
                break;
            }
            for (var row : rows) {
                @SuppressWarnings("unchecked")
                var e = (Map<String, Object>) row.get("e");
                long seq = ((Number) e.get("seq")).longValue();
                String id = (String) e.get("id");
                if (seq != expected) {
                    return new Verification(
                            false,
                            checked,
                            unchained,
                            id,
                            seq,
                            seq < expected
                                    ? "two events claim sequence number " + seq
                                    : "events " + expected + " to " + (seq - 1) + " are missing before this one");
                }
                if (!seal.authentic((String) e.get("link"), canonical(previous, e))) {
                    return new Verification(
                            false, checked, unchained, id, seq, "this event, or the link before it, was altered");
                }
                previous = (String) e.get("link");
                checked++;
                expected++;
            }
        }
        var head = graph.row("MATCH (h:AuditHead {name: 'audit'}) RETURN h.seq AS seq, h.link AS link", Map.of());
        long headSeq = head == null ? 0 : ((Number) head.get("seq")).longValue();
        if (headSeq != expected - 1 || (head != null && !previous.equals(head.get("link")))) {
            return new Verification(
                    false,
                    checked,
                    unchained,
                    null,
                    expected,
                    "the trail ends at event " + (expected - 1) + " but its head names event " + headSeq
                            + ": events were removed from its end");
        }
        return new Verification(true, checked, unchained, null, null, null);
    }
}

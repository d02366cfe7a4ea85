package org.dangjian.graph.audit;

import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The committed changes of the graph as a stream, fed by the audit trail: every successful mutation
 * and import is published after its transaction commits, never before and never when it rolls back.
 * Subscribers that fall behind lose events rather than hold the writers back.
 */
@Component
public class Changes {

    /** One committed change. */
    public record Change(
            String kind, String operation, List<String> ids, String user, String auditId, ZonedDateTime at) {}

    private final Sinks.Many<Change> sink = Sinks.many().multicast().directBestEffort();

    /** The changes committed from now on. */
    public Flux<Change> stream() {
        return sink.asFlux();
    }

    /** Publishes a committed change (the audit trail calls it once the change's transaction commits). */
    synchronized void emit(Change change) {
        sink.tryEmitNext(change); // no subscriber, or one too slow: dropped, by design
    }

    /** The kind of change an operation makes. */
    static String kind(AuditTrail.Kind kind, String operation) {
        if (kind == AuditTrail.Kind.IMPORT) {
            return "IMPORTED";
        }
        if (operation.startsWith("create")) {
            return "CREATED";
        }
        if (operation.startsWith("update")) {
            return "UPDATED";
        }
        return switch (operation) {
            case "deleteNode" -> "DELETED";
            case "addTie" -> "TIE_ADDED";
            case "endTie" -> "TIE_ENDED";
            default -> "DESIGNATION_MOVED";
        };
    }
}

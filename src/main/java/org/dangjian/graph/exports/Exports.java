package org.dangjian.graph.exports;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.dangjian.graph.security.Caller;
import org.springframework.stereotype.Component;

/** The exports for use inside the service (the benchmark): what the HTTP routes write, to any stream. */
@Component
public class Exports {

    /** How much an export wrote. */
    public record Written(long nodes, long ties) {}

    private final ExportService exports;

    Exports(ExportService exports) {
        this.exports = exports;
    }

    /** Writes the GraphML of a scope (null: the whole graph), as {@code GET /exports/graph.graphml} does. */
    public Written graphml(Caller caller, String scope, LocalDate asOf, OutputStream out) {
        var nodes = new AtomicLong();
        var ties = new AtomicLong();
        exports.checkScope(scope);
        try (var sink = GraphWriters.graphml(out)) {
            exports.export(
                    caller,
                    scope,
                    asOf,
                    n -> {
                        nodes.incrementAndGet();
                        sink.node(n);
                    },
                    t -> {
                        ties.incrementAndGet();
                        sink.tie(t);
                    });
        }
        return new Written(nodes.get(), ties.get());
    }
}

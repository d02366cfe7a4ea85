package org.dangjian.graph.database;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The deadline of the request this thread is answering, for the reads it makes: {@link Graph} gives
 * each read transaction the time left as its timeout, so that the database itself stops a read that
 * runs past the request's time limit ({@code party-graph.graphql.request-timeout}), and the analysts'
 * console takes the smaller of its own limit and the time left. Set by {@code api.AnswerDeadline}
 * around a GraphQL execution that runs on the thread that waits for its answer; no deadline elsewhere
 * (exports, imports, background work keep their own limits).
 */
public final class ReadDeadline {

    /** The least timeout given to a read past its deadline: the database stops it at its next check. */
    private static final Duration LEAST = Duration.ofMillis(1);

    private static final ThreadLocal<Instant> CURRENT = new ThreadLocal<>();

    private ReadDeadline() {}

    /** Runs the work with this deadline for the reads it makes on this thread. */
    public static <T> T within(Instant deadline, Supplier<T> work) {
        Instant outer = CURRENT.get();
        CURRENT.set(deadline);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The time left before this thread's deadline (at least {@link #LEAST}), or null without one. */
    public static Duration left() {
        Instant deadline = CURRENT.get();
        if (deadline == null) {
            return null;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        return left.compareTo(LEAST) < 0 ? LEAST : left;
    }
}

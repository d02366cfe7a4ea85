package org.dangjian.graph.api;

import java.util.concurrent.ThreadLocalRandom;
import org.neo4j.driver.exceptions.Neo4jException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * What a failure of the database means to a client: a broken uniqueness constraint is a {@code
 * CONFLICT} (two writers raced for one code: the loser is told so, not "internal error"), a database
 * that has stopped or cannot be reached is {@code UNAVAILABLE} (the service stopping, a server
 * restarting: try again later), a read the database stopped at the request's deadline is {@code
 * TIMEOUT}, and a transient failure (a deadlock between writers) is worth running the transaction again.
 */
public final class Failures {

    /** How often a transaction is tried in all when the database gives it up for a transient reason. */
    public static final int ATTEMPTS = 6;

    private Failures() {}

    /** An {@link ApiException} for a failure whose meaning is known; the failure itself otherwise. */
    public static RuntimeException translate(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof DataIntegrityViolationException || constraint(t)) {
                return ApiException.conflict(
                        "Another node already holds this value of a unique property (such as code); nothing was"
                                + " changed");
            }
            if (t instanceof Neo4jException neo4j && timedOut(neo4j)) {
                return new ApiException(
                        ApiException.Code.TIMEOUT,
                        "The request ran past its time limit (party-graph.graphql.request-timeout) and the"
                                + " database stopped its read");
            }
            if (t instanceof org.neo4j.driver.exceptions.ServiceUnavailableException
                    || t instanceof org.neo4j.driver.exceptions.SessionExpiredException) {
                return new ApiException(
                        ApiException.Code.UNAVAILABLE,
                        "The database is unavailable (stopping, restarting or unreachable); the request changed"
                                + " nothing. Try again later.");
            }
        }
        return failure;
    }

    /** Whether running the same transaction again may succeed. */
    public static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException) {
                return false;
            }
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException) {
                return true;
            }
            if (t instanceof Neo4jException neo4j && neo4j.code() != null) {
                String code = neo4j.code();
                if (code.startsWith("Neo.TransientError.")
                        // a node locked by a writer that then deleted it: the next try finds it gone
                        || code.equals("Neo.ClientError.Statement.EntityNotFound")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A short, growing, jittered pause before the next try. */
    public static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to try a transaction again", e);
        }
    }

    /** A transaction the database stopped at its timeout (a read past the request's deadline). */
    private static boolean timedOut(Neo4jException e) {
        return e.code() != null && e.code().startsWith("Neo.ClientError.Transaction.TransactionTimedOut");
    }

    private static boolean constraint(Throwable t) {
        return t instanceof Neo4jException neo4j
                && "Neo.ClientError.Schema.ConstraintValidationFailed".equals(neo4j.code());
    }
}

package org.dangjian.graph.api;

/**
 * A refusal the client should read: a clear message and a machine-readable {@link Code} that the
 * GraphQL layer puts into the error's {@code extensions.code}. Thrown inside a transaction, it rolls
 * the transaction back, so a refused request changes nothing.
 */
public class ApiException extends RuntimeException {

    /** What kind of refusal. */
    public enum Code {
        /** The input breaks a rule (missing field, bad date range, cycle, …). */
        VALIDATION,
        /** A referenced id does not exist. */
        NOT_FOUND,
        /** The request clashes with the graph as it is (duplicate code, duplicate active tie, …). */
        CONFLICT,
        /** The caller may not do this. */
        FORBIDDEN,
        /** The request ran past its time limit and was stopped. */
        TIMEOUT,
        /** The request asks more than a configured limit allows (size, depth, memory, concurrency). */
        LIMIT,
        /** The service cannot do this where it runs (a backup of a Neo4j server: the server's tools make those). */
        UNAVAILABLE
    }

    private final Code code;

    public ApiException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    public static ApiException validation(String message) {
        return new ApiException(Code.VALIDATION, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Code.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(Code.CONFLICT, message);
    }
}

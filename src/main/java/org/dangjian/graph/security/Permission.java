package org.dangjian.graph.security;

/** What a caller may do; granted through {@link Role}s. */
public enum Permission {
    /** Read queries of the API. */
    READ,
    /** Mutations. */
    WRITE,
    /** Personal fields of persons unmasked. */
    PERSONAL_DATA,
    /** The Cypher console and the named queries. */
    CONSOLE,
    /** The audit trail. */
    AUDIT,
    /** The service's effective settings. */
    SETTINGS,
    /** Operational endpoints beyond health. */
    OPERATIONS
}

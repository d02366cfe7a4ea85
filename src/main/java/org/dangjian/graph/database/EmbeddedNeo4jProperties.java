package org.dangjian.graph.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Neo4j that the service starts inside its own JVM when no {@code spring.neo4j.uri}
 * is configured.
 *
 * @param directory where the database files live; kept outside {@code target/} so that {@code mvn
 *     clean} keeps the data
 * @param boltAddress the interface the Bolt connector listens on; loopback unless set otherwise
 * @param boltPort the Bolt port; 0 picks a free one (tests)
 * @param password Neo4j's password for user {@code neo4j}; required when Bolt listens beyond
 *     loopback, and then authentication is switched on
 * @param pageCache page-cache size, e.g. {@code 512m} or {@code 4g}
 * @param transactionTimeout the database-wide ceiling for any transaction, e.g. {@code 60s}
 * @param transactionMemoryMax the most heap one transaction may use, e.g. {@code 1g}; past it the
 *     transaction is stopped
 */
@ConfigurationProperties("party-graph.neo4j.embedded")
public record EmbeddedNeo4jProperties(
        Path directory,
        String boltAddress,
        int boltPort,
        String password,
        String pageCache,
        String transactionTimeout,
        String transactionMemoryMax) {

    public EmbeddedNeo4jProperties {
        directory = directory == null ? Path.of("data", "neo4j") : directory;
        boltAddress = boltAddress == null || boltAddress.isBlank() ? "127.0.0.1" : boltAddress;
        pageCache = pageCache == null || pageCache.isBlank() ? "512m" : pageCache;
        transactionTimeout = transactionTimeout == null || transactionTimeout.isBlank() ? "120s" : transactionTimeout;
        transactionMemoryMax =
                transactionMemoryMax == null || transactionMemoryMax.isBlank() ? "2g" : transactionMemoryMax;
    }

    /** Whether the connector listens only on this machine. */
    public boolean loopbackOnly() {
        return boltAddress.equals("127.0.0.1")
                || boltAddress.equals("localhost")
                || boltAddress.equals("::1")
                || boltAddress.startsWith("127.");
    }
}

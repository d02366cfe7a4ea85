package org.dangjian.graph.support;

import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts Neo4j inside this JVM when no {@code spring.neo4j.uri} is configured, opens Bolt on
 * loopback and hands the rest of the service an ordinary {@link Driver}: nothing above this class
 * knows whether the database is embedded, a server or a cluster.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.neo4j.uri:}'.isEmpty()")
class EmbeddedNeo4jConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4jConfiguration.class);

    @Bean(destroyMethod = "shutdown")
    DatabaseManagementService embeddedNeo4j(EmbeddedNeo4jProperties properties) {
        boolean auth = properties.password() != null && !properties.password().isBlank();
        if (!properties.loopbackOnly() && !auth) {
            throw new IllegalStateException("Bolt would listen on " + properties.boltAddress()
                    + ", beyond loopback, without authentication: set party-graph.neo4j.embedded.password"
                    + " (PARTY_GRAPH_NEO4J_EMBEDDED_PASSWORD) or keep bolt-address on 127.0.0.1");
        }
        long started = System.nanoTime();
        var dbms = new DatabaseManagementServiceBuilder(properties.directory().toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(
                        BoltConnector.listen_address,
                        new SocketAddress(properties.boltAddress(), properties.boltPort()))
                .setConfig(
                        BoltConnector.advertised_address,
                        new SocketAddress(properties.boltAddress(), properties.boltPort()))
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                // Analysts' Cypher must never read the server's files, whatever the statement.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(properties.pageCache()))
                .setConfig(GraphDatabaseSettings.transaction_timeout, parseDuration(properties.transactionTimeout()))
                // Without these, Bolt's netty event loops wait ~10 s on every shutdown.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(100))
                .build();
        if (auth) {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                    .executeTransactionally(
                            "ALTER USER neo4j IF EXISTS SET PASSWORD $password CHANGE NOT REQUIRED",
                            Map.of("password", properties.password()));
        }
        log.info(
                "Embedded Neo4j started in {} ms, data in {}, Bolt on {}",
                (System.nanoTime() - started) / 1_000_000,
                properties.directory().toAbsolutePath(),
                boltUri(dbms));
        return dbms;
    }

    @Bean(destroyMethod = "close")
    Driver neo4jDriver(DatabaseManagementService dbms, EmbeddedNeo4jProperties properties) {
        var config = Config.builder()
                .withConnectionTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                .build();
        var auth = properties.password() == null || properties.password().isBlank()
                ? AuthTokens.none()
                : AuthTokens.basic("neo4j", properties.password());
        return GraphDatabase.driver(boltUri(dbms), auth, config);
    }

    /** The Bolt address the embedded database actually listens on (port 0 resolves to the bound one). */
    static String boltUri(DatabaseManagementService dbms) {
        var api = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        var address = api.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        String host = address.getHost().contains(":") ? "[" + address.getHost() + "]" : address.getHost();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return "bolt://" + host + ":" + address.getPort();
    }

    private static Duration parseDuration(String text) {
        return org.springframework.boot.convert.DurationStyle.detectAndParse(text);
    }
}

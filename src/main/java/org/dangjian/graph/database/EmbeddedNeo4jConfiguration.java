package org.dangjian.graph.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
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
import org.springframework.beans.factory.annotation.Value;
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

    /** Where a generated Bolt password is kept: in the database's directory, readable by its owner only. */
    static final String PASSWORD_FILE = "bolt-password";

    /** {@code party-graph.backup.restore-from}: a backup to unpack into the (new) directory before start. */
    @org.springframework.beans.factory.annotation.Value("${party-graph.backup.restore-from:}")
    String restoreFrom = "";

    /**
     * {@code party-graph.neo4j.embedded.routing}: the driver speaks to the embedded database through a
     * routing URI ({@code neo4j://}), as it would to a cluster (which routes read transactions to
     * secondaries): for trying the service's transactions as a cluster would see them.
     */
    @org.springframework.beans.factory.annotation.Value("${party-graph.neo4j.embedded.routing:false}")
    boolean routing;

    /**
     * {@code party-graph.sample.prebuilt}: a first start that is to load the sample into an empty
     * directory unpacks the jar's prebuilt store instead ({@link org.dangjian.graph.sample.PrebuiltSample}).
     */
    @org.springframework.beans.factory.annotation.Value("${party-graph.sample.prebuilt:true}")
    boolean prebuilt = true;

    @org.springframework.beans.factory.annotation.Value("${party-graph.sample.load-on-empty:false}")
    boolean loadOnEmpty;

    @org.springframework.beans.factory.annotation.Value("${party-graph.sample.seed:2020}")
    long sampleSeed = org.dangjian.graph.sample.PrebuiltSample.SEED;

    @org.springframework.beans.factory.annotation.Value("${party-graph.generate.scale:}")
    String generateScale = "";

    @Bean(destroyMethod = "shutdown")
    DatabaseManagementService embeddedNeo4j(EmbeddedNeo4jProperties properties) {
        if (restoreFrom != null && !restoreFrom.isBlank()) { // a backup unpacked into a new directory, then started on
            try {
                Backups.restore(Path.of(restoreFrom), properties.directory());
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("Cannot restore " + restoreFrom, e);
            }
        } else {
            unpackPrebuiltSample(properties.directory());
        }
        boolean configured =
                properties.password() != null && !properties.password().isBlank();
        if (!properties.loopbackOnly() && !configured) {
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
                // Bolt always asks for a password, on loopback too: another process on the host is
                // not to read the graph, nor write it, nor delete the audit trail.
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // Analysts' Cypher must never read the server's files, whatever the statement.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                // Offline first: no usage reports to Neo4j, no Aura Fleet Manager (intranets have
                // no internet, and a department's graph tells no one outside that it runs).
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(org.neo4j.fleetmanagement.FleetManagementSettings.fleet_manager_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(properties.pageCache()))
                .setConfig(GraphDatabaseSettings.transaction_timeout, parseDuration(properties.transactionTimeout()))
                // No one transaction (an analyst's statement above all) may take the heap from the others.
                .setConfig(
                        GraphDatabaseSettings.memory_transaction_max_size,
                        ByteUnit.parse(properties.transactionMemoryMax()))
                // Without these, Bolt's netty event loops wait ~10 s on every shutdown.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(100))
                .build();
        Path passwordFile = properties.directory().toAbsolutePath().resolve(PASSWORD_FILE);
        // A generated password on file was set at an earlier start (the file is written only once
        // it is); setting it again would cost a cold Cypher statement, ~6 s of a start on 2 cores.
        if (configured || !Files.exists(passwordFile)) {
            String password = configured ? properties.password() : generatedPassword();
            try {
                dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                        .executeTransactionally(
                                "ALTER USER neo4j IF EXISTS SET PASSWORD $password CHANGE NOT REQUIRED",
                                Map.of("password", password));
            } catch (org.neo4j.graphdb.QueryExecutionException e) {
                if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                    throw e;
                }
                // a restart with the configured password: already set
            }
            if (!configured) {
                keepGenerated(passwordFile, password);
            }
        }
        log.info(
                "Embedded Neo4j started in {} ms, data in {}, Bolt on {}",
                (System.nanoTime() - started) / 1_000_000,
                properties.directory().toAbsolutePath(),
                boltUri(dbms));
        return dbms;
    }

    /**
     * On a first start that is to load the sample (an empty directory, {@code load-on-empty}, the
     * sample's default seed, no generate command), unpacks the jar's prebuilt sample store into the
     * directory before Neo4j starts there; its personal values are written later, sealed with this
     * installation's key (the sample's loader). Without the store on the class path (a build that
     * skipped it), the sample is loaded through transactions as before.
     */
    private void unpackPrebuiltSample(Path directory) {
        if (!prebuilt
                || !loadOnEmpty
                || sampleSeed != org.dangjian.graph.sample.PrebuiltSample.SEED
                || (generateScale != null && !generateScale.isBlank())
                || Backups.databaseIn(directory).isPresent()) {
            return;
        }
        Path home = directory.toAbsolutePath();
        var store = getClass().getClassLoader().getResource(org.dangjian.graph.sample.PrebuiltSample.RESOURCE);
        if (store == null) {
            log.info("No prebuilt sample store in this build; the sample will be loaded through transactions");
            return;
        }
        long started = System.nanoTime();
        try (var in = store.openStream()) {
            Backups.restore(in, "the jar's prebuilt sample store", home);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the prebuilt sample store into " + home, e);
        }
        log.info("Prebuilt sample store unpacked in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Backups of the embedded database (the operations package serves and schedules them). */
    @Bean
    Backups backups(DatabaseManagementService dbms, EmbeddedNeo4jProperties properties, WritePause pause) {
        return new Backups(dbms, properties.directory(), pause);
    }

    /** Counts the embedded database's commits, so that answers can be kept until the graph changes. */
    @Bean
    GraphVersion graphVersion(DatabaseManagementService dbms) {
        return GraphVersion.watching(dbms, GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    /**
     * Neo4j's own counters in Micrometer: the page cache's hit ratio, hits, faults and evictions, and
     * the transactions committed, rolled back and active (read and write). Community edition has no
     * metrics module; these read the same counters it would publish.
     */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder neo4jMeters(DatabaseManagementService dbms) {
        return registry -> {
            var resolver = ((GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME))
                    .getDependencyResolver();
            try {
                var tracer = resolver.resolveDependency(org.neo4j.io.pagecache.tracing.PageCacheTracer.class);
                if (tracer instanceof org.neo4j.io.pagecache.monitoring.PageCacheCounters pages) {
                    io.micrometer.core.instrument.Gauge.builder("neo4j.page_cache.hit_ratio", pages, p -> p.hitRatio())
                            .description("Share of page requests served from the page cache")
                            .register(registry);
                    io.micrometer.core.instrument.FunctionCounter.builder("neo4j.page_cache.hits", pages, p -> p.hits())
                            .register(registry);
                    io.micrometer.core.instrument.FunctionCounter.builder(
                                    "neo4j.page_cache.faults", pages, p -> p.faults())
                            .register(registry);
                    io.micrometer.core.instrument.FunctionCounter.builder(
                                    "neo4j.page_cache.evictions", pages, p -> p.evictions())
                            .register(registry);
                }
            } catch (RuntimeException e) {
                log.info("No page cache counters to publish: {}", e.getMessage());
            }
            try {
                var tx = resolver.resolveDependency(
                        org.neo4j.kernel.impl.transaction.stats.DatabaseTransactionStats.class);
                for (String kind : List.of("read", "write")) {
                    boolean read = kind.equals("read");
                    io.micrometer.core.instrument.FunctionCounter.builder(
                                    "neo4j.transactions.committed",
                                    tx,
                                    t -> read
                                            ? t.getNumberOfCommittedReadTransactions()
                                            : t.getNumberOfCommittedWriteTransactions())
                            .tag("kind", kind)
                            .register(registry);
                    io.micrometer.core.instrument.FunctionCounter.builder(
                                    "neo4j.transactions.rolled_back",
                                    tx,
                                    t -> read
                                            ? t.getNumberOfRolledBackReadTransactions()
                                            : t.getNumberOfRolledBackWriteTransactions())
                            .tag("kind", kind)
                            .register(registry);
                    io.micrometer.core.instrument.Gauge.builder(
                                    "neo4j.transactions.active",
                                    tx,
                                    t -> read
                                            ? t.getNumberOfActiveReadTransactions()
                                            : t.getNumberOfActiveWriteTransactions())
                            .tag("kind", kind)
                            .register(registry);
                }
            } catch (RuntimeException e) {
                log.info("No transaction counters to publish: {}", e.getMessage());
            }
        };
    }

    /**
     * Closes the driver at most {@code driver-close-timeout} long: destroyed after the driver (which
     * depends on it) and before the database (on which it depends).
     */
    @Bean
    DriverCloser neo4jDriverCloser(
            DatabaseManagementService dbms,
            @Value("${party-graph.neo4j.embedded.driver-close-timeout:10s}") Duration within) {
        return new DriverCloser(within);
    }

    @Bean(destroyMethod = "") // closed by the DriverCloser, which waits for it at most its timeout
    Driver neo4jDriver(DatabaseManagementService dbms, EmbeddedNeo4jProperties properties, DriverCloser closer) {
        return closer.closing(openDriver(dbms, properties));
    }

    /** A driver to the embedded database's Bolt port, as the user {@code neo4j}. */
    Driver openDriver(DatabaseManagementService dbms, EmbeddedNeo4jProperties properties) {
        var config = DriverLogging.apply(Config.builder())
                .withConnectionTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                .build();
        String uri = boltUri(dbms);
        if (routing) {
            uri = uri.replaceFirst("^bolt://", "neo4j://");
        }
        return GraphDatabase.driver(uri, AuthTokens.basic("neo4j", boltPassword(properties)), config);
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

    /**
     * The password of Neo4j's user {@code neo4j}: the configured one, else the one generated into
     * {@code <directory>/bolt-password} on first start (owner-only; printed once, when made).
     */
    static String boltPassword(EmbeddedNeo4jProperties properties) {
        if (properties.password() != null && !properties.password().isBlank()) {
            return properties.password();
        }
        Path file = properties.directory().toAbsolutePath().resolve(PASSWORD_FILE);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Bolt password file " + file, e);
        }
    }

    private static String generatedPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void keepGenerated(Path file, String password) {
        try {
            OwnerOnlyFile.write(file, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Bolt password file " + file, e);
        }
        log.warn(
                "Bolt requires a password. Generated one for user neo4j: {} (kept in {}, readable by this"
                        + " user only; shown this once). Neo4j's tools: cypher-shell -u neo4j -p \"$(cat {})\"",
                password,
                file,
                file);
    }

    private static Duration parseDuration(String text) {
        return org.springframework.boot.convert.DurationStyle.detectAndParse(text);
    }
}

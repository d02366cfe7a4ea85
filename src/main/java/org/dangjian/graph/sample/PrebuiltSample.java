package org.dangjian.graph.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dangjian.graph.database.Backups;
import org.dangjian.graph.database.CypherMigrations;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.TieType;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.FileSystemUtils;

/**
 * The sample graph as a finished store inside the jar, so that a first start on an empty directory
 * unpacks it (a fraction of a second) instead of creating the schema and writing the sample's 55,673
 * nodes and ties through transactions (about 17 s of a first start on 2 cores).
 *
 * <p>{@link #main} builds it when the jar is packaged ({@code prepare-package}), with the code a first
 * start runs itself: the migrations ({@link CypherMigrations}), then {@link BatchWriter} over Bolt
 * into an embedded Neo4j of the same version. One thing differs: the personal properties are left
 * out, since they are stored sealed with each installation's own key, which the build does not have
 * (and the jar must not carry). A marker node {@code (:SamplePersonalDataPending {seed})} stays in
 * the store instead; at the first start {@link SampleData#completePrebuilt} generates the same seed's
 * personal values, seals them with the installation's key and writes them, with the marker's
 * removal, in one transaction.
 *
 * <p>The zip has the layout of a backup ({@code databases/neo4j/…}, {@code transactions/neo4j/…}),
 * which {@link org.dangjian.graph.database.Backups#restore} unpacks. Its comment holds a
 * fingerprint of what the store is made from (the migrations, the classes of the generator, the
 * writer and the model, the Neo4j version, the seed): a build whose inputs did not change keeps the
 * zip (about 36 s to build on 2 cores, 2.5 MB).
 */
public final class PrebuiltSample {

    /** Where the store sits on the class path (and in the jar). */
    public static final String RESOURCE = "sample/sample-store.zip";

    /** The seed of the sample in the jar: the default of {@code party-graph.sample.seed}. */
    public static final long SEED = 2020;

    /** The label of the marker: the personal values are still to be written. */
    public static final String PENDING = "SamplePersonalDataPending";

    private PrebuiltSample() {}

    /** {@code PrebuiltSample <zip>}: builds the store into the zip unless its fingerprint is current. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: PrebuiltSample <zip to write>");
            System.exit(2);
        }
        Path zip = Path.of(args[0]).toAbsolutePath();
        String fingerprint = fingerprint();
        if (Files.exists(zip)) {
            try (var existing = new ZipFile(zip.toFile())) {
                if (fingerprint.equals(existing.getComment())) {
                    System.out.println("Prebuilt sample store up to date: " + zip);
                    return;
                }
            } catch (IOException e) {
                // not a readable zip: built again
            }
        }
        long started = System.nanoTime();
        Path home = Files.createTempDirectory("prebuilt-sample");
        try {
            build(home);
            Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
            Files.createDirectories(zip.getParent());
            int files;
            try (OutputStream out = Files.newOutputStream(partial);
                    var zipOut = new ZipOutputStream(out)) {
                zipOut.setComment(fingerprint);
                zipOut.setLevel(9);
                files = Backups.zipDatabase(home, zipOut);
            }
            Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf(
                    "Prebuilt sample store written: %s (%d files, %,d bytes) in %.1f s%n",
                    zip, files, Files.size(zip), (System.nanoTime() - started) / 1e9);
        } finally {
            FileSystemUtils.deleteRecursively(home);
        }
    }

    /** Creates the schema and the sample without its personal values in a new database under home. */
    static void build(Path home) {
        var dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(org.neo4j.fleetmanagement.FleetManagementSettings.fleet_manager_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                // Small transaction logs: only the files since the last checkpoint are kept, none
                // preallocated, so the jar carries the store and little of its history.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(1))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();
        try {
            var api = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            var address = api.getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            try (var driver = GraphDatabase.driver("bolt://127.0.0.1:" + address.getPort(), AuthTokens.none())) {
                new CypherMigrations(driver, "classpath:cypher/migrations").apply();
                try (var writer = new BatchWriter(driver, BatchWriter.Mode.CREATE, 5_000, n -> {})) {
                    new SampleGenerator(SEED, SampleGenerator.Scale.SAMPLE, new WithoutPersonal(writer)).generate();
                }
                try (var session = driver.session()) {
                    session.executeWriteWithoutResult(
                            tx -> tx.run("CREATE (:" + PENDING + " {seed: $seed})", Map.of("seed", SEED))
                                    .consume());
                }
            }
            // A checkpoint: the logs before it (rotated at 1 MiB) are pruned; shutdown checkpoints again.
            api.getDependencyResolver()
                    .resolveDependency(org.neo4j.kernel.impl.transaction.log.checkpoint.CheckPointer.class)
                    .forceCheckPoint(
                            new org.neo4j.kernel.impl.transaction.log.checkpoint.SimpleTriggerInfo("prebuilt sample"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            dbms.shutdown();
        }
    }

    /**
     * What the store is made from: the migrations, the classes of the generator and of the model,
     * the Neo4j jar (its version) and the seed. Any change builds the store again.
     */
    static String fingerprint() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        var resolver = new PathMatchingResourcePatternResolver(PrebuiltSample.class.getClassLoader());
        var inputs = new java.util.ArrayList<Resource>();
        for (String pattern : List.of(
                "classpath*:cypher/migrations/**/*.cypher",
                "classpath*:org/dangjian/graph/sample/SampleGenerator*.class",
                "classpath*:org/dangjian/graph/sample/Names*.class",
                "classpath*:org/dangjian/graph/sample/BatchWriter*.class",
                "classpath*:org/dangjian/graph/sample/PrebuiltSample*.class",
                "classpath*:org/dangjian/graph/model/**/*.class")) {
            inputs.addAll(Arrays.asList(resolver.getResources(pattern)));
        }
        inputs.sort(Comparator.comparing(r -> String.valueOf(r.getFilename()) + r.getDescription()));
        for (Resource input : inputs) {
            digest.update(String.valueOf(input.getFilename()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (InputStream in = input.getInputStream()) {
                digest.update(in.readAllBytes());
            }
        }
        String neo4j = String.valueOf(DatabaseManagementServiceBuilder.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation());
        digest.update(neo4j.substring(neo4j.lastIndexOf('/') + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update(Long.toString(SEED).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "party-graph prebuilt sample " + HexFormat.of().formatHex(digest.digest());
    }

    /** Passes nodes on without their personal properties, and ties as they are. */
    static final class WithoutPersonal implements GraphSink {
        private final GraphSink next;

        WithoutPersonal(GraphSink next) {
            this.next = next;
        }

        @Override
        public void node(String label, Map<String, Object> properties) {
            var type = GraphModel.findNodeType(label);
            if (type.isEmpty()) {
                next.node(label, properties);
                return;
            }
            var kept = new HashMap<>(properties);
            kept.keySet().removeAll(type.get().personalProperties());
            next.node(label, kept);
        }

        @Override
        public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {
            next.tie(type, fromId, toId, properties);
        }
    }

    /** Only the personal properties of each node that has some, sealed by the sink given. */
    static final class PersonalOnly implements GraphSink {
        private final java.util.function.BiConsumer<String, Map<String, Object>> row;
        private final org.dangjian.graph.security.Seal seal;

        PersonalOnly(
                org.dangjian.graph.security.Seal seal, java.util.function.BiConsumer<String, Map<String, Object>> row) {
            this.seal = seal;
            this.row = row;
        }

        @Override
        public void node(String label, Map<String, Object> properties) {
            var type = GraphModel.findNodeType(label);
            if (type.isEmpty()) {
                return;
            }
            var personal = new HashMap<String, Object>();
            for (String name : type.get().personalProperties()) {
                if (properties.get(name) != null) {
                    personal.put(name, properties.get(name));
                }
            }
            if (!personal.isEmpty()) {
                String id = (String) properties.get("id");
                row.accept(id, seal.sealPersonal(label, id, personal));
            }
        }

        @Override
        public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {}
    }
}

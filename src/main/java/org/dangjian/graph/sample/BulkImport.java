package org.dangjian.graph.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dangjian.graph.database.CypherMigrations;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.PropertyType;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.security.Seal;
import org.dangjian.graph.security.SealKeys;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine;

/**
 * Generates a scale of the sample graph straight into a new embedded database with Neo4j's offline
 * importer ({@code neo4j-admin database import full}, run in this JVM) instead of transactions: the
 * generator streams CSV files (one per label and per tie type, written with Commons CSV), the
 * importer builds the store from them, and the schema migrations then create the constraints and
 * indexes over the finished store, which Neo4j populates in bulk. Only for a database that does not
 * exist yet: the importer writes a whole store. Memory stays bounded: rows stream to files.
 */
public final class BulkImport {

    /** What the import wrote and how long each phase took. */
    public record Report(
            String scale,
            long seed,
            long nodes,
            long ties,
            double csvSeconds,
            double importSeconds,
            double indexSeconds) {

        public double seconds() {
            return csvSeconds + importSeconds + indexSeconds;
        }

        @Override
        public String toString() {
            return String.format(
                    "imported scale=%s seed=%d nodes=%,d relationships=%,d seconds=%.1f rows/s=%,.0f"
                            + " (csv %.1f s, import %.1f s, constraints and indexes %.1f s)",
                    scale,
                    seed,
                    nodes,
                    ties,
                    seconds(),
                    (nodes + ties) / Math.max(seconds(), 1e-9),
                    csvSeconds,
                    importSeconds,
                    indexSeconds);
        }
    }

    private BulkImport() {}

    /**
     * The bulk generate command: {@code --party-graph.generate.bulk=true
     * --party-graph.generate.scale=province [--party-graph.generate.seed=2020]
     * [--party-graph.neo4j.embedded.directory=data/neo4j] [--party-graph.neo4j.embedded.page-cache=1g]}.
     * Prints one line of figures; returns the exit status.
     */
    public static int command(org.springframework.core.env.PropertySource<?> options) {
        String scale = property(options, "party-graph.generate.scale", "sample");
        long seed = Long.parseLong(property(options, "party-graph.generate.seed", "2020"));
        String directory = property(
                options,
                "party-graph.neo4j.embedded.directory",
                System.getenv().getOrDefault("PARTY_GRAPH_DATA", "data/neo4j"));
        String pageCache = property(options, "party-graph.neo4j.embedded.page-cache", "1g");
        try {
            String keyset = SealKeys.load(
                    Path.of(property(options, "party-graph.personal-data.keyset-file", "data/keys/personal-data.json")),
                    property(
                            options,
                            "party-graph.personal-data.keyset",
                            System.getenv().getOrDefault("PARTY_GRAPH_PERSONAL_DATA_KEYSET", "")),
                    Boolean.parseBoolean(property(options, "party-graph.personal-data.generate-keyset", "false")),
                    System.err::println);
            if (keyset == null) {
                throw new IllegalStateException(
                        "the sample holds (synthetic) personal data, which is stored sealed:"
                                + " give party-graph.personal-data.keyset-file, or party-graph.personal-data.generate-keyset=true");
            }
            var report = run(
                    Path.of(directory).toAbsolutePath(),
                    SampleGenerator.Scale.valueOf(scale.toUpperCase(Locale.ROOT)),
                    seed,
                    pageCache,
                    Seal.fromJson(keyset),
                    System.err);
            System.out.println(report);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("Bulk import refused or failed: " + e.getMessage());
            return 1;
        }
    }

    private static String property(
            org.springframework.core.env.PropertySource<?> options, String name, String fallback) {
        Object value = options.getProperty(name);
        return value == null ? fallback : value.toString();
    }

    /**
     * Imports a scale into the embedded database under {@code home} (the directory the service uses
     * as {@code party-graph.neo4j.embedded.directory}), which must not hold a database yet.
     */
    public static Report run(
            Path home, SampleGenerator.Scale scale, long seed, String pageCache, Seal seal, PrintStream out) {
        Path store = home.resolve("data/databases/neo4j");
        if (Files.exists(store)) {
            throw new IllegalStateException("A database already exists under " + home.toAbsolutePath()
                    + "; the bulk import only creates new ones. Use the transactional generate command"
                    + " (without party-graph.generate.bulk) to add to it, or choose an empty directory.");
        }
        long t0 = System.nanoTime();
        Path csv = home.resolve("import-csv");
        var files = writeCsv(csv, scale, seed, seal);
        long t1 = System.nanoTime();
        out.printf("csv: %,d nodes and %,d relationships in %.1f s%n", files.nodes, files.ties, (t1 - t0) / 1e9);

        var args = new ArrayList<String>(List.of(
                "neo4j",
                "--id-type=integer",
                "--array-delimiter=;",
                "--threads=" + Runtime.getRuntime().availableProcessors(),
                "--report-file=" + csv.resolve("import.report")));
        files.nodeFiles.forEach((label, file) -> args.add("--nodes=" + GraphModel.ENTITY + ":" + label + "=" + file));
        files.tieFiles.forEach((type, file) -> args.add("--relationships=" + type + "=" + file));
        Path conf = home.resolve("conf");
        try {
            Files.createDirectories(conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var command = new ImportCommand.Full(
                new ExecutionContext(home, conf, out, System.err, new DefaultFileSystemAbstraction()));
        int exit = new CommandLine(command).execute(args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("Neo4j's importer failed (exit " + exit + "); see its output above");
        }
        long t2 = System.nanoTime();

        var dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .build();
        try {
            var db = dbms.database("neo4j");
            out.printf("database started in %.1f s%n", (System.nanoTime() - t2) / 1e9);
            var migrations = new CypherMigrations(null, "classpath:cypher/migrations").load();
            // Every constraint and index in one transaction: Neo4j then populates them all in one
            // pass over the store instead of one pass each. Other statements run after, in order.
            var schema = migrations.stream()
                    .flatMap(m -> m.statements().stream())
                    .filter(CypherMigrations::isSchema)
                    .toList();
            try (var tx = db.beginTx()) {
                schema.forEach(tx::execute);
                tx.commit();
            }
            out.printf("%d constraints and indexes created in %.1f s%n", schema.size(), (System.nanoTime() - t2) / 1e9);
            for (var migration : migrations) {
                for (String statement : migration.statements()) {
                    if (!CypherMigrations.isSchema(statement)) {
                        db.executeTransactionally(statement);
                    }
                }
                db.executeTransactionally(CypherMigrations.RECORD, migration.recordParameters());
            }
            db.executeTransactionally("CALL db.awaitIndexes(7200)");
        } finally {
            dbms.shutdown();
        }
        long t3 = System.nanoTime();
        FileSystemUtils.deleteRecursively(csv.toFile());
        return new Report(
                scale.name().toLowerCase(),
                seed,
                files.nodes,
                files.ties,
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9,
                (t3 - t2) / 1e9);
    }

    /** The files written: one per label and per relationship type, and the counts. */
    private static final class Written {
        final Map<String, Path> nodeFiles = new LinkedHashMap<>();
        final Map<String, Path> tieFiles = new LinkedHashMap<>();
        long nodes;
        long ties;
    }

    /**
     * One pass of the deterministic generator into the files. The columns of each file come from the
     * {@link GraphModel} (plus {@code id} for nodes and {@code id}, {@code since}, {@code until} for
     * ties), so no pass is needed to learn them; a property outside them stops the import loudly.
     */
    private static Written writeCsv(Path dir, SampleGenerator.Scale scale, long seed, Seal seal) {
        var files = new Written();
        try {
            Files.createDirectories(dir);
            try (var writers = new CsvWriters(dir, files)) {
                new SampleGenerator(seed, scale, new SealingSink(writers, seal)).generate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The importer's type of a model property. */
    private static String importType(PropertyType type) {
        return switch (type) {
            case STRING, ENUM -> "string";
            case INT -> "long";
            case FLOAT -> "double";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case STRING_LIST -> "string[]";
        };
    }

    /** Streams rows into one CSV file per label and per relationship type. */
    private static final class CsvWriters implements GraphSink, AutoCloseable {
        private final Path dir;
        private final Written files;
        private final Map<String, CSVPrinter> printers = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> columns = new LinkedHashMap<>();

        /**
         * Each node's id as a number for the importer, which maps integer ids directly (string ids
         * cost it a sorted id map and a third more time): the one structure that grows with the
         * graph, a primitive map of about 60 bytes a node. The generator writes a node before any
         * tie to it.
         */
        private final ObjectLongHashMap<String> numbers = new ObjectLongHashMap<>(1 << 16);

        CsvWriters(Path dir, Written files) {
            this.dir = dir;
            this.files = files;
        }

        @Override
        public void node(String label, Map<String, Object> properties) {
            String id = (String) properties.get("id");
            if (numbers.containsKey(id)) {
                throw new IllegalStateException("Node id " + id + " is generated twice");
            }
            long number = numbers.size();
            numbers.put(id, number);
            var fields = columns.computeIfAbsent("node:" + label, k -> {
                var map = new LinkedHashMap<String, String>();
                map.put("id", "string");
                // personal properties are sealed text, whatever their type
                GraphModel.nodeType(label)
                        .properties()
                        .forEach(p -> map.put(p.name(), p.personal() ? "string" : importType(p.type())));
                return map;
            });
            var printer = printers.computeIfAbsent("node:" + label, k -> {
                var header = new ArrayList<String>(List.of(":ID"));
                fields.forEach((key, t) -> header.add(key + ":" + t));
                return open("nodes-" + label + ".csv", header, path -> files.nodeFiles.put(label, path));
            });
            var row = new ArrayList<Object>(fields.size() + 1);
            row.add(number);
            addValues(row, fields, properties, label);
            print(printer, row);
            files.nodes++;
        }

        @Override
        public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {
            var fields = columns.computeIfAbsent("tie:" + type.relType(), k -> {
                var map = new LinkedHashMap<String, String>();
                map.put("id", "string");
                map.put("since", "date");
                map.put("until", "date");
                type.properties().forEach(p -> map.put(p.name(), importType(p.type())));
                return map;
            });
            var printer = printers.computeIfAbsent("tie:" + type.relType(), k -> {
                var header = new ArrayList<String>(List.of(":START_ID", ":END_ID"));
                fields.forEach((key, t) -> header.add(key + ":" + t));
                return open(
                        "ties-" + type.relType() + ".csv", header, path -> files.tieFiles.put(type.relType(), path));
            });
            var row = new ArrayList<Object>(fields.size() + 2);
            row.add(number(fromId));
            row.add(number(toId));
            addValues(row, fields, properties, type.relType());
            print(printer, row);
            files.ties++;
        }

        private static void addValues(
                List<Object> row, Map<String, String> fields, Map<String, Object> properties, String where) {
            for (String key : properties.keySet()) {
                if (!fields.containsKey(key)) {
                    throw new IllegalStateException(where + " has property " + key + ", which the model does not"
                            + " declare; declare it in GraphModel");
                }
            }
            fields.keySet().forEach(key -> row.add(properties.get(key)));
        }

        private long number(String id) {
            long number = numbers.getIfAbsent(id, -1);
            if (number < 0) {
                throw new IllegalStateException("A tie refers to " + id + ", which is not generated before it");
            }
            return number;
        }

        private CSVPrinter open(String name, List<String> header, Consumer<Path> register) {
            Path path = dir.resolve(name);
            register.accept(path);
            try {
                return CSVFormat.DEFAULT
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .setRecordSeparator('\n')
                        .get()
                        .print(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void print(CSVPrinter printer, List<Object> values) {
            try {
                for (Object value : values) {
                    printer.print(render(value));
                }
                printer.println();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Object render(Object value) {
            // One row a line lets the importer split files across threads (multi-line fields would not).
            if (value instanceof String text && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
                throw new IllegalStateException("A value holds a line break, which the bulk import does not take: "
                        + text.substring(0, Math.min(40, text.length())));
            }
            if (value instanceof Collection<?> list) {
                return list.stream().map(String::valueOf).collect(Collectors.joining(";"));
            }
            return value;
        }

        @Override
        public void close() throws IOException {
            for (var printer : printers.values()) {
                printer.close();
            }
        }
    }
}

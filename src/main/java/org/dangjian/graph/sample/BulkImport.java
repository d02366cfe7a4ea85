package org.dangjian.graph.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.support.CypherMigrations;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
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
            var report = run(
                    Path.of(directory).toAbsolutePath(),
                    SampleGenerator.Scale.valueOf(scale.toUpperCase(java.util.Locale.ROOT)),
                    seed,
                    pageCache,
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
    public static Report run(Path home, SampleGenerator.Scale scale, long seed, String pageCache, PrintStream out) {
        Path store = home.resolve("data/databases/neo4j");
        if (Files.exists(store)) {
            throw new IllegalStateException("A database already exists under " + home.toAbsolutePath()
                    + "; the bulk import only creates new ones. Use the transactional generate command"
                    + " (without party-graph.generate.bulk) to add to it, or choose an empty directory.");
        }
        long t0 = System.nanoTime();
        Path csv = home.resolve("import-csv");
        var files = writeCsv(csv, scale, seed);
        long t1 = System.nanoTime();
        out.printf("csv: %,d nodes and %,d relationships in %.1f s%n", files.nodes, files.ties, (t1 - t0) / 1e9);

        var args = new ArrayList<String>(List.of(
                "neo4j",
                "--id-type=string",
                "--array-delimiter=;",
                "--multiline-fields=true",
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
            for (var migration : new CypherMigrations(null, "classpath:cypher/migrations").load()) {
                for (String statement : migration.statements()) {
                    db.executeTransactionally(statement);
                }
                db.executeTransactionally(
                        "CREATE (:SchemaMigration {version: $v, description: $d, checksum: $c, installedOn: datetime()})",
                        Map.of("v", migration.version(), "d", migration.description(), "c", migration.checksum()));
            }
            db.executeTransactionally("CALL db.awaitIndexes(7200)");
        } finally {
            dbms.shutdown();
        }
        long t3 = System.nanoTime();
        deleteTree(csv);
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
    private static final class Files0 {
        final Map<String, Path> nodeFiles = new LinkedHashMap<>();
        final Map<String, Path> tieFiles = new LinkedHashMap<>();
        long nodes;
        long ties;
    }

    /**
     * Two passes of the deterministic generator: the first learns every label's and tie type's
     * properties and their types (the CSV headers), the second writes the rows.
     */
    private static Files0 writeCsv(Path dir, SampleGenerator.Scale scale, long seed) {
        var headers = new Headers();
        new SampleGenerator(seed, scale, headers).generate();
        var files = new Files0();
        try {
            Files.createDirectories(dir);
            var writers = new CsvWriters(dir, headers, files);
            try (writers) {
                new SampleGenerator(seed, scale, writers).generate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Property names and importer types per label and per relationship type. */
    private static final class Headers implements GraphSink {
        final Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        final Map<String, Map<String, String>> ties = new LinkedHashMap<>();

        @Override
        public void node(String label, Map<String, Object> properties) {
            learn(nodes.computeIfAbsent(label, k -> new LinkedHashMap<>()), properties);
        }

        @Override
        public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {
            learn(ties.computeIfAbsent(type.relType(), k -> new LinkedHashMap<>()), properties);
        }

        private static void learn(Map<String, String> columns, Map<String, Object> properties) {
            properties.forEach((key, value) -> {
                if (value != null) {
                    columns.putIfAbsent(key, type(key, value));
                }
            });
        }

        private static String type(String key, Object value) {
            if (value instanceof String) {
                return "string";
            }
            if (value instanceof Integer || value instanceof Long) {
                return "long";
            }
            if (value instanceof Double || value instanceof Float) {
                return "double";
            }
            if (value instanceof Boolean) {
                return "boolean";
            }
            if (value instanceof LocalDate) {
                return "date";
            }
            if (value instanceof Collection<?> list && list.stream().allMatch(v -> v instanceof String)) {
                return "string[]";
            }
            throw new IllegalStateException("No CSV type for property " + key + " = " + value.getClass());
        }
    }

    /** Streams rows into one CSV file per label and per relationship type. */
    private static final class CsvWriters implements GraphSink, AutoCloseable {
        private final Path dir;
        private final Headers headers;
        private final Files0 files;
        private final Map<String, CSVPrinter> printers = new LinkedHashMap<>();

        CsvWriters(Path dir, Headers headers, Files0 files) {
            this.dir = dir;
            this.headers = headers;
            this.files = files;
        }

        @Override
        public void node(String label, Map<String, Object> properties) {
            var columns = headers.nodes.get(label);
            var printer = printers.computeIfAbsent(
                    "node:" + label,
                    k -> open(
                            "nodes-" + label + ".csv",
                            columns.entrySet().stream()
                                    .map(c -> c.getKey().equals("id") ? "id:ID" : c.getKey() + ":" + c.getValue())
                                    .toList(),
                            path -> files.nodeFiles.put(label, path)));
            print(printer, columns.keySet().stream().map(properties::get).toList());
            files.nodes++;
        }

        @Override
        public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {
            var columns = headers.ties.get(type.relType());
            var printer = printers.computeIfAbsent("tie:" + type.relType(), k -> {
                var header = new ArrayList<String>(List.of(":START_ID", ":END_ID"));
                columns.forEach((key, t) -> header.add(key + ":" + t));
                return open(
                        "ties-" + type.relType() + ".csv", header, path -> files.tieFiles.put(type.relType(), path));
            });
            var row = new ArrayList<Object>(List.of(fromId, toId));
            columns.keySet().forEach(key -> row.add(properties.get(key)));
            print(printer, row);
            files.ties++;
        }

        private CSVPrinter open(String name, List<String> header, java.util.function.Consumer<Path> register) {
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

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}

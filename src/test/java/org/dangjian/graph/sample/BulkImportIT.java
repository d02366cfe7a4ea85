package org.dangjian.graph.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.security.Seal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * The bulk import writes exactly what the generator produces: every label and tie type with its
 * count and its number of properties, values of each type (dates, lists, numbers) as they were, the
 * schema migrations applied and recorded, and Chinese full-text search working; and it refuses a
 * directory that already holds a database.
 */
class BulkImportIT {

    /** What the generator produces, per label and per relationship type: rows and properties. */
    static final class Expected implements GraphSink {
        final Map<String, long[]> nodes = new TreeMap<>();
        final Map<String, long[]> ties = new TreeMap<>();

        @Override
        public void node(String label, Map<String, Object> properties) {
            add(nodes, label, properties);
        }

        @Override
        public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {
            add(ties, type.relType(), properties);
        }

        /** Rows and properties per label, as {@link #NODE_COUNTS} returns them from the database. */
        Map<String, List<Long>> nodeTable() {
            return table(nodes);
        }

        /** Rows and properties per relationship type, as {@link #TIE_COUNTS} returns them. */
        Map<String, List<Long>> tieTable() {
            return table(ties);
        }

        /** Columns: label, rows, props. */
        static final String NODE_COUNTS = """
                MATCH (n:Entity) UNWIND [l IN labels(n) WHERE l <> 'Entity'] AS label
                RETURN label, count(n) AS rows, sum(size(keys(n))) AS props""";

        /** Columns: type, rows, props. */
        static final String TIE_COUNTS =
                "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS rows, sum(size(keys(r))) AS props";

        private static Map<String, List<Long>> table(Map<String, long[]> counts) {
            var table = new TreeMap<String, List<Long>>();
            counts.forEach((k, c) -> table.put(k, List.of(c[0], c[1])));
            return table;
        }

        private static void add(Map<String, long[]> counts, String key, Map<String, Object> properties) {
            var c = counts.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            c[1] += properties.values().stream().filter(v -> v != null).count();
        }
    }

    static final Seal SEAL = Seal.fromJson(Seal.newKeysetJson());

    @Test
    void theImportedStoreHoldsWhatTheGeneratorProduces(@TempDir Path home) {
        var quiet = new PrintStream(OutputStream.nullOutputStream());
        var report = BulkImport.run(home, SampleGenerator.Scale.SAMPLE, 2020, "256m", SEAL, quiet);
        var expected = new Expected();
        new SampleGenerator(2020, SampleGenerator.Scale.SAMPLE, expected).generate();
        assertThat(report.nodes())
                .isEqualTo(expected.nodes.values().stream().mapToLong(c -> c[0]).sum());
        assertThat(report.ties())
                .isEqualTo(expected.ties.values().stream().mapToLong(c -> c[0]).sum());

        var dbms = new DatabaseManagementServiceBuilder(home).build();
        try {
            var db = dbms.database("neo4j");
            var nodes = new TreeMap<String, List<Long>>();
            db.executeTransactionally(Expected.NODE_COUNTS, Map.of(), r -> {
                r.forEachRemaining(row ->
                        nodes.put((String) row.get("label"), List.of((Long) row.get("rows"), (Long) row.get("props"))));
                return null;
            });
            var ties = new TreeMap<String, List<Long>>();
            db.executeTransactionally(Expected.TIE_COUNTS, Map.of(), r -> {
                r.forEachRemaining(row ->
                        ties.put((String) row.get("type"), List.of((Long) row.get("rows"), (Long) row.get("props"))));
                return null;
            });
            assertThat(nodes).isEqualTo(expected.nodeTable());
            assertThat(ties).isEqualTo(expected.tieTable());

            Object date = db.executeTransactionally(
                    "MATCH ()-[r:LEADS]->() WHERE r.since IS NOT NULL RETURN r.since AS d LIMIT 1",
                    Map.of(),
                    r -> r.next().get("d"));
            assertThat(date).isInstanceOf(LocalDate.class);
            long migrations = db.executeTransactionally("MATCH (m:SchemaMigration) RETURN count(m) AS n", Map.of(), r ->
                    (Long) r.next().get("n"));
            assertThat(migrations).isGreaterThanOrEqualTo(4);
            long found = db.executeTransactionally(
                    "CALL db.index.fulltext.queryNodes('nameSearch', '城北') YIELD node RETURN count(node) AS n",
                    Map.of(),
                    r -> (Long) r.next().get("n"));
            assertThat(found).isPositive();
            // personal values are imported sealed, and open with the key they were sealed with
            long plain = db.executeTransactionally(
                    """
                    MATCH (p:Person) WHERE any(k IN ['phone', 'idNumber', 'birthDate', 'address']
                      WHERE p[k] IS NOT NULL AND NOT (p[k] IS :: STRING AND p[k] STARTS WITH 'sealed:'))
                    RETURN count(p) AS n""", Map.of(), r -> (Long) r.next().get("n"));
            assertThat(plain).isZero();
            var person = db.executeTransactionally(
                    "MATCH (p:Person) WHERE p.phone IS NOT NULL RETURN p.id AS id, p.phone AS phone, p.birthDate AS b LIMIT 1",
                    Map.of(),
                    r -> r.next());
            assertThat(SEAL.open("Person", "phone", (String) person.get("id"), person.get("phone")))
                    .matches("1\\d{10}");
            assertThat(SEAL.openTyped("Person", "birthDate", (String) person.get("id"), person.get("b")))
                    .isInstanceOf(LocalDate.class);
        } finally {
            dbms.shutdown();
        }
        assertThatThrownBy(() -> BulkImport.run(home, SampleGenerator.Scale.SAMPLE, 2020, "256m", SEAL, quiet))
                .hasMessageContaining("already exists");
    }
}

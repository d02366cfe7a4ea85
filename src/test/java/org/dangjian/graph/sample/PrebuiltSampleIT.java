package org.dangjian.graph.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.database.Backups;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.security.Sealing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The sample in the jar ({@link PrebuiltSample}): the store carries no personal value, and a first
 * start on an empty directory unpacks it and completes it into exactly what the generator produces,
 * its personal values sealed with the installation's own key. A context of its own (the property
 * below), so that its database is new and untouched by other test classes.
 */
@IntegrationTest
@TestPropertySource(properties = "party-graph.sample.prebuilt=true")
class PrebuiltSampleIT {

    @Autowired
    Driver driver;

    @Autowired
    Sealing sealing;

    @Test
    void theStoreInTheJarHoldsTheSampleWithoutPersonalValues(@TempDir Path home) throws Exception {
        var resource = getClass().getClassLoader().getResource(PrebuiltSample.RESOURCE);
        assertThat(resource)
                .as("the build (prepare-package) writes " + PrebuiltSample.RESOURCE)
                .isNotNull();
        try (var in = resource.openStream()) {
            Backups.restore(in, "the prebuilt sample", home);
        }
        var dbms = new DatabaseManagementServiceBuilder(home).build();
        try {
            var db = dbms.database("neo4j");
            long persons = db.executeTransactionally("MATCH (p:Person) RETURN count(p) AS n", Map.of(), r ->
                    (Long) r.next().get("n"));
            long withPersonal = 0;
            for (var type : org.dangjian.graph.model.GraphModel.nodeTypes()) {
                var personal = type.properties().stream()
                        .filter(p -> p.personal())
                        .map(p -> "'" + p.name() + "'")
                        .toList();
                if (!personal.isEmpty()) {
                    withPersonal += db.executeTransactionally(
                            "MATCH (n:" + type.label() + ") WHERE any(k IN " + personal
                                    + " WHERE n[k] IS NOT NULL) RETURN count(n) AS n",
                            Map.of(),
                            r -> (Long) r.next().get("n"));
                }
            }
            Object seed = db.executeTransactionally(
                    "MATCH (m:" + PrebuiltSample.PENDING + ") RETURN m.seed AS seed",
                    Map.of(),
                    r -> r.next().get("seed"));
            assertThat(persons).isGreaterThan(1_000);
            assertThat(withPersonal).isZero();
            assertThat(seed).isEqualTo(PrebuiltSample.SEED);
        } finally {
            dbms.shutdown();
        }
    }

    @Test
    void aFirstStartUnpacksTheStoreAndCompletesItIntoWhatTheGeneratorProduces() {
        try (var session = driver.session()) {
            // migrations recorded before this JVM started: the store was built, not loaded here
            var installed = session.run("MATCH (m:SchemaMigration) RETURN max(m.installedOn) AS at")
                    .single()
                    .get("at")
                    .asZonedDateTime();
            Instant jvmStarted =
                    Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
            assertThat(installed.toInstant()).isBefore(jvmStarted);
            assertThat(session.run("MATCH (m:" + PrebuiltSample.PENDING + ") RETURN count(m) AS n")
                            .single()
                            .get("n")
                            .asLong())
                    .isZero();

            var expected = new BulkImportIT.Expected();
            new SampleGenerator(PrebuiltSample.SEED, SampleGenerator.Scale.SAMPLE, expected).generate();
            assertThat(table(session, BulkImportIT.Expected.NODE_COUNTS, "label"))
                    .isEqualTo(expected.nodeTable());
            assertThat(table(session, BulkImportIT.Expected.TIE_COUNTS, "type")).isEqualTo(expected.tieTable());

            // a person's personal values: sealed under this installation's key, the generator's values
            var first = new FirstPerson();
            new SampleGenerator(PrebuiltSample.SEED, SampleGenerator.Scale.SAMPLE, first).generate();
            var stored = session.run(
                            "MATCH (p:Person {id: $id}) RETURN p.phone AS phone, p.birthDate AS b",
                            Map.of("id", first.id))
                    .single();
            assertThat(stored.get("phone").asString()).startsWith("sealed:");
            var seal = sealing.seal();
            assertThat(seal.open(
                            "Person", "phone", first.id, stored.get("phone").asString()))
                    .isEqualTo(first.phone);
            assertThat(seal.openTyped(
                            "Person", "birthDate", first.id, stored.get("b").asString()))
                    .isEqualTo(first.birthDate);
        }
    }

    /** Rows and properties per key, from a statement with the columns key, rows, props. */
    private static Map<String, List<Long>> table(org.neo4j.driver.Session session, String statement, String key) {
        var table = new TreeMap<String, List<Long>>();
        session.run(statement)
                .forEachRemaining(row -> table.put(
                        row.get(key).asString(),
                        List.of(row.get("rows").asLong(), row.get("props").asLong())));
        return table;
    }

    /** The first generated person with a phone. */
    static final class FirstPerson implements GraphSink {
        String id;
        String phone;
        Object birthDate;

        @Override
        public void node(String label, Map<String, Object> properties) {
            if (id == null && label.equals("Person") && properties.get("phone") != null) {
                id = (String) properties.get("id");
                phone = String.valueOf(properties.get("phone"));
                birthDate = properties.get("birthDate");
            }
        }

        @Override
        public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {}
    }
}

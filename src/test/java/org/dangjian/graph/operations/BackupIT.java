package org.dangjian.graph.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.database.Backups;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backups of the embedded database: made by an administrator while the service answers, restored
 * into a new directory with the same graph (equal fingerprints); a backup process killed with
 * SIGKILL in the middle of a backup leaves the previous backup whole and its store usable.
 */
@IntegrationTest
class BackupIT {

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Value("${party-graph.backup.directory:data/backups}")
    Path directory;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    static final String FINGERPRINT = """
            CALL () { MATCH (n) WHERE NOT n:AuditEvent RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeProps }
            CALL () { MATCH ()-[r]->() RETURN count(r) AS ties, count(r.until) AS ended, sum(size(keys(r))) AS tieProps }
            RETURN nodes, nodeProps, ties, ended, tieProps""";

    @Test
    void anAdministratorBacksUpWhileReadsGoOnAndTheRestoredGraphIsTheSame() throws Exception {
        var before = GraphApi.fingerprint(driver);
        var made = post("admin", "/actuator/backups");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        Map<?, ?> backup = json.readValue(made.body(), Map.class);
        Path file = Path.of((String) backup.get("file"));
        assertThat(file).exists();
        assertThat(((Number) backup.get("bytes")).longValue()).isGreaterThan(1_000_000);
        assertThat(((Number) backup.get("writesPausedMillis")).longValue()).isGreaterThanOrEqualTo(0);
        assertThat(get("admin", "/actuator/backups").body())
                .contains(file.getFileName().toString());
        for (String user : List.of("viewer", "editor", "analyst", "dongfeng-admin")) {
            assertThat(post(user, "/actuator/backups").statusCode()).as(user).isIn(403);
        }
        assertThat(GraphApi.fingerprint(driver)).isEqualTo(before);

        Path restored = Files.createTempDirectory("restored");
        Backups.restore(file, restored);
        var dbms = new DatabaseManagementServiceBuilder(restored).build();
        try {
            var copy = dbms.database("neo4j").executeTransactionally(FINGERPRINT, Map.of(), r -> r.next());
            assertThat(copy).isEqualTo(before);
        } finally {
            dbms.shutdown();
        }
        // a database is never overwritten by a restore
        try {
            Backups.restore(file, restored);
            throw new AssertionError("restored over a database");
        } catch (IllegalStateException expected) {
            assertThat(expected.getMessage()).contains("already holds a database");
        }
    }

    @Test
    void anAdministratorBacksUpInGraphiqlAndTheEventIsAudited() throws Exception {
        var before = GraphApi.fingerprint(driver);
        var answer = GraphApi.post(
                port,
                GraphApi.basic("admin"),
                "mutation NightlyBackup { backup { file bytes writesPausedMillis tookMillis } }",
                Map.of());
        assertThat(answer.body()).doesNotContain("errors");
        Map<?, ?> data = (Map<?, ?>) json.readValue(answer.body(), Map.class).get("data");
        Map<?, ?> made = (Map<?, ?>) data.get("backup");
        String file = (String) made.get("file");
        var listed = GraphApi.post(
                port, GraphApi.basic("admin"), "{ backups { directory keep files { file bytes } } }", Map.of());
        assertThat(listed.body()).contains(file);
        Map<?, ?> backups = (Map<?, ?>)
                ((Map<?, ?>) json.readValue(listed.body(), Map.class).get("data")).get("backups");
        Path kept = Path.of((String) backups.get("directory"));
        assertThat(kept.resolve(file)).exists();
        assertThat(((Number) made.get("bytes")).longValue()).isEqualTo(Files.size(kept.resolve(file)));
        assertThat(((Number) made.get("writesPausedMillis")).longValue())
                .isLessThanOrEqualTo(((Number) made.get("tookMillis")).longValue());
        // recorded in the audit trail, under the administrator's name
        var audit = GraphApi.post(
                port,
                GraphApi.basic("admin"),
                "{ auditEvents(filter: {operation: \"backup\"}, first: 5) { nodes { operation user success } } }",
                Map.of());
        assertThat(audit.body()).contains("\"operation\":\"backup\"").contains("\"user\":\"admin\"");
        // nobody else: not the other roles, not an administrator of one jurisdiction
        for (String user : List.of("viewer", "editor", "analyst", "dongfeng-admin")) {
            var refused = GraphApi.post(port, GraphApi.basic(user), "mutation { backup { file } }", Map.of());
            assertThat(refused.body()).as(user).contains("FORBIDDEN").doesNotContain("\"file\"");
            assertThat(GraphApi.post(port, GraphApi.basic(user), "{ backups { keep } }", Map.of())
                            .body())
                    .as(user)
                    .contains("FORBIDDEN");
        }
        assertThat(Backups.list(kept).stream().map(p -> p.getFileName().toString()))
                .as("no backup made by a refused call")
                .filteredOn(name -> name.compareTo(file) > 0)
                .isEmpty();
        assertThat(GraphApi.fingerprint(driver)).isEqualTo(before);
    }

    @Test
    void aBackupKilledMidwayLeavesThePreviousOneWholeAndTheStoreUsable() throws Exception {
        var made = post("admin", "/actuator/backups");
        assertThat(made.statusCode()).isEqualTo(200);
        Path first = Path.of((String) json.readValue(made.body(), Map.class).get("file"));
        Path store = Files.createTempDirectory("crash-store");
        Backups.restore(first, store);
        Path target = Files.createTempDirectory("crash-backups");
        Files.copy(first, target.resolve(first.getFileName()));
        long size = Files.size(first);

        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--sun-misc") || a.startsWith("-Xmx"))
                .forEach(command::add);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                BackupCrash.class.getName(),
                store.toString(),
                target.toString()));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
            for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
                assertThat(line).as("the backup process starts").isNotNull(); // JVM warnings come first
            }
            // kill it while a backup is being written
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try (var files = Files.list(target)) {
                    if (files.anyMatch(f -> f.toString().endsWith(".partial"))) {
                        break;
                    }
                }
                assertThat(System.nanoTime()).as("a backup starts").isLessThan(until);
                Thread.sleep(5);
            }
            process.destroyForcibly(); // SIGKILL
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        // the previous backup is whole, a partial one is never listed as a backup
        assertThat(Files.size(target.resolve(first.getFileName()))).isEqualTo(size);
        assertThat(Backups.list(target)).allMatch(f -> f.toString().endsWith(".zip"));
        Path again = Files.createTempDirectory("crash-restored");
        Backups.restore(target.resolve(first.getFileName()), again);
        // the store the killed process had open is usable (Neo4j recovers it on open)
        var dbms = new DatabaseManagementServiceBuilder(store).build();
        try {
            long nodes = dbms.database("neo4j").executeTransactionally("MATCH (n) RETURN count(n) AS n", Map.of(), r ->
                    (Long) r.next().get("n"));
            assertThat(nodes).isGreaterThan(1000);
        } finally {
            dbms.shutdown();
        }
    }

    private HttpResponse<String> post(String user, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", GraphApi.basic(user))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", GraphApi.basic(user))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package org.dangjian.graph.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded database on its own: data survives a restart, shutdown is quick, Bolt stays safe. */
class EmbeddedNeo4jIT {

    final EmbeddedNeo4jConfiguration configuration = new EmbeddedNeo4jConfiguration();

    EmbeddedNeo4jProperties properties(Path dir, String address, String password) {
        return new EmbeddedNeo4jProperties(dir, address, 0, password, "64m", "60s", "1g");
    }

    @Test
    void aRestartKeepsTheDataAndShutdownIsQuick() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "restart-");
        var props = properties(dir, "127.0.0.1", null);
        var dbms = configuration.embeddedNeo4j(props);
        try (var driver = configuration.openDriver(dbms, props);
                var session = driver.session()) {
            session.run("CREATE (:Entity:Area {id: $id, name: '重启测试'})", Map.of("id", "area-restart"))
                    .consume();
        }
        long stopping = System.nanoTime();
        dbms.shutdown();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(8));

        var again = configuration.embeddedNeo4j(props);
        try (var driver = configuration.openDriver(again, props);
                var session = driver.session()) {
            var name = session.run("MATCH (a:Area {id: 'area-restart'}) RETURN a.name AS name")
                    .single()
                    .get("name")
                    .asString();
            assertThat(name).isEqualTo("重启测试");
            assertThat(EmbeddedNeo4jConfiguration.boltUri(again)).startsWith("bolt://127.0.0.1:");
        } finally {
            again.shutdown();
        }
    }

    @Test
    void onLoopbackWithoutAConfiguredPasswordBoltStillRequiresOne() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "generated-");
        var props = properties(dir, "127.0.0.1", null);
        var dbms = configuration.embeddedNeo4j(props);
        try (var driver = configuration.openDriver(dbms, props)) {
            driver.verifyConnectivity();
            Path file = dir.resolve(EmbeddedNeo4jConfiguration.PASSWORD_FILE);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            for (var token :
                    List.of(org.neo4j.driver.AuthTokens.none(), org.neo4j.driver.AuthTokens.basic("neo4j", "neo4j"))) {
                try (var anonymous =
                        org.neo4j.driver.GraphDatabase.driver(EmbeddedNeo4jConfiguration.boltUri(dbms), token)) {
                    assertThatThrownBy(anonymous::verifyConnectivity).isInstanceOf(Exception.class);
                }
            }
            try (var withFile = org.neo4j.driver.GraphDatabase.driver(
                    EmbeddedNeo4jConfiguration.boltUri(dbms),
                    org.neo4j.driver.AuthTokens.basic(
                            "neo4j", Files.readString(file).strip()))) {
                withFile.verifyConnectivity();
            }
        } finally {
            dbms.shutdown();
        }
    }

    @Test
    void boltBeyondLoopbackWithoutAPasswordRefusesToStart() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "open-");
        assertThatThrownBy(() -> configuration.embeddedNeo4j(properties(dir, "0.0.0.0", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("password");
    }

    @Test
    void withAPasswordBoltRequiresIt() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "auth-");
        var props = properties(dir, "127.0.0.1", "s3cret-pass");
        var dbms = configuration.embeddedNeo4j(props);
        try (var driver = configuration.openDriver(dbms, props);
                var session = driver.session()) {
            assertThat(session.run("RETURN 1 AS one").single().get("one").asInt())
                    .isEqualTo(1);
            var wrong = org.neo4j.driver.GraphDatabase.driver(
                    EmbeddedNeo4jConfiguration.boltUri(dbms),
                    org.neo4j.driver.AuthTokens.basic("neo4j", "wrong-password"));
            assertThatThrownBy(wrong::verifyConnectivity).hasMessageContaining("authentication");
            wrong.close();
        } finally {
            dbms.shutdown();
        }
    }

    @Test
    void migrationsGroupSchemaKeepTheirOrderAndAFailedGroupChangesNothing() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "migrations-");
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(scripts.resolve("V0001__Two.cypher"), """
                CREATE CONSTRAINT t_id IF NOT EXISTS FOR (n:T) REQUIRE n.id IS UNIQUE;
                CREATE INDEX t_name IF NOT EXISTS FOR (n:T) ON (n.name);
                """);
        // Data between schema: it runs after the schema before it, and the constraint holds for it.
        Files.writeString(scripts.resolve("V0002__Data_between.cypher"), """
                CREATE (:T {id: 'one', name: '一'});
                CREATE TEXT INDEX t_name_text IF NOT EXISTS FOR (n:T) ON (n.name);
                """);
        Files.writeString(scripts.resolve("V0003__More.cypher"), """
                CREATE CONSTRAINT u_id IF NOT EXISTS FOR (n:U) REQUIRE n.id IS UNIQUE;
                """);
        var props = properties(dir.resolve("db"), "127.0.0.1", null);
        var dbms = configuration.embeddedNeo4j(props);
        try (var driver = configuration.openDriver(dbms, props);
                var session = driver.session()) {
            String location = "file:" + scripts.toAbsolutePath();
            assertThat(new CypherMigrations(driver, location).apply()).containsExactly(1, 2, 3);
            assertThat(names(session, "SHOW CONSTRAINTS YIELD name")).contains("t_id", "u_id");
            assertThat(names(session, "SHOW INDEXES YIELD name")).contains("t_name", "t_name_text");
            assertThat(session.run("MATCH (m:SchemaMigration) RETURN count(m) AS n")
                            .single()
                            .get("n")
                            .asInt())
                    .isEqualTo(3);
            assertThat(new CypherMigrations(driver, location).apply()).isEmpty();

            // A group with a broken statement: nothing of it is created, nothing is recorded.
            Files.writeString(scripts.resolve("V0004__Broken.cypher"), """
                    CREATE INDEX v_name IF NOT EXISTS FOR (n:V) ON (n.name);
                    CREATE CONSTRAINT t_name_unique IF NOT EXISTS FOR (n:T) REQUIRE n.nonsense IS ;
                    """);
            assertThatThrownBy(() -> new CypherMigrations(driver, location).apply())
                    .isInstanceOf(Exception.class);
            assertThat(names(session, "SHOW INDEXES YIELD name")).doesNotContain("v_name");
            assertThat(session.run("MATCH (m:SchemaMigration) RETURN max(m.version) AS v")
                            .single()
                            .get("v")
                            .asInt())
                    .isEqualTo(3);
        } finally {
            dbms.shutdown();
        }
    }

    static List<String> names(org.neo4j.driver.Session session, String show) {
        return session.run(show + " RETURN name").list(r -> r.get("name").asString());
    }
}

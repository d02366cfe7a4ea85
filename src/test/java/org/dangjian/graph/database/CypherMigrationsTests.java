package org.dangjian.graph.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CypherMigrationsTests {

    @Test
    void splitsStatementsAtLineEndingSemicolonsAndSkipsComments() {
        var statements = CypherMigrations.statements(
                "// a comment;\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\n\nCREATE CONSTRAINT b IF NOT EXISTS\n  FOR (n:B) REQUIRE n.id IS UNIQUE;\n");
        assertThat(statements)
                .containsExactly(
                        "CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)",
                        "CREATE CONSTRAINT b IF NOT EXISTS\n  FOR (n:B) REQUIRE n.id IS UNIQUE");
    }

    @Test
    void loadsTheProjectsMigrationsInVersionOrder() {
        var migrations = new CypherMigrations(null, "classpath:cypher/migrations").load();
        assertThat(migrations).isNotEmpty();
        assertThat(migrations.getFirst().version()).isEqualTo(1);
        assertThat(migrations)
                .isSortedAccordingTo(java.util.Comparator.comparingInt(CypherMigrations.Migration::version));
        assertThat(migrations.getFirst().statements()).allMatch(s -> s.contains("IF NOT EXISTS"));
    }
}

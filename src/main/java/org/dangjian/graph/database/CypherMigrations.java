package org.dangjian.graph.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies the versioned Cypher scripts {@code cypher/migrations/V0001__Description.cypher} in order,
 * each once, recording each as a {@code (:SchemaMigration {version, description, checksum})} node.
 * A script already applied whose text has changed stops start-up: migrations are history, a change
 * goes into a new version.
 *
 * <p>We would have used neo4j-migrations, but its 2.19.x parent POM is not served by the registry
 * this project builds from, and it is compiled against driver 5 while Boot 4 brings driver 6.
 */
public final class CypherMigrations {

    private static final Logger log = LoggerFactory.getLogger(CypherMigrations.class);
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(.+)\\.cypher");

    /** One script: its version, its description and its statements. */
    public record Migration(int version, String description, String checksum, List<String> statements) {

        /** The parameters of {@link CypherMigrations#RECORD} for this migration. */
        public Map<String, Object> recordParameters() {
            return Map.of("v", version, "d", description, "c", checksum);
        }
    }

    /** The statement that records an applied migration. */
    public static final String RECORD =
            "CREATE (:SchemaMigration {version: $v, description: $d, checksum: $c, installedOn: datetime()})";

    private final Driver driver;
    private final String location;

    public CypherMigrations(Driver driver, String location) {
        this.driver = driver;
        this.location = location;
    }

    /**
     * Applies what is not applied yet; returns the versions applied by this call.
     *
     * <p>Consecutive schema statements (constraints and indexes), across the pending migrations, run in
     * one transaction: Neo4j creates them together, and over a store that holds data populates them in
     * one pass instead of one pass each (a new database's first start: its 104 took 8.3 s one at a
     * time, 5.8 s together). A statement that is not schema ends the group, so the scripts' order holds, and
     * a migration is recorded once all its statements have committed.
     */
    public List<Integer> apply() {
        List<Integer> applied = new ArrayList<>();
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            var done = session.run("MATCH (m:SchemaMigration) RETURN m.version AS v, m.checksum AS c")
                    .list();
            var checksums = new java.util.HashMap<Integer, String>();
            done.forEach(r -> checksums.put(r.get("v").asInt(), r.get("c").asString()));
            List<String> schema = new ArrayList<>();
            List<Migration> unrecorded = new ArrayList<>();
            for (Migration m : load()) {
                String known = checksums.get(m.version());
                if (known != null) {
                    if (!known.equals(m.checksum())) {
                        throw new IllegalStateException("Migration V" + m.version()
                                + " was changed after it was applied; add a new version instead");
                    }
                    continue;
                }
                for (String statement : m.statements()) {
                    if (isSchema(statement)) {
                        schema.add(statement);
                    } else {
                        commit(session, schema, unrecorded, applied);
                        session.run(statement).consume();
                    }
                }
                unrecorded.add(m);
            }
            commit(session, schema, unrecorded, applied);
        }
        return applied;
    }

    /** Creates the gathered schema in one transaction, then records the migrations it completed. */
    private static void commit(
            org.neo4j.driver.Session session, List<String> schema, List<Migration> unrecorded, List<Integer> applied) {
        if (!schema.isEmpty()) {
            session.executeWriteWithoutResult(
                    tx -> schema.forEach(s -> tx.run(s).consume()));
            schema.clear();
        }
        for (Migration m : unrecorded) {
            session.run(RECORD, m.recordParameters()).consume();
            log.info("Applied migration V{} {}", m.version(), m.description());
            applied.add(m.version());
        }
        unrecorded.clear();
    }

    /** Whether a statement creates a constraint or an index (which cannot share a transaction with data). */
    public static boolean isSchema(String statement) {
        return statement
                .strip()
                .matches("(?is)CREATE\\s+(CONSTRAINT|INDEX|(RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR)\\s+INDEX)\\b.*");
    }

    /** Reads the scripts of the location, ordered by version. */
    public List<Migration> load() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(location + "/V*__*.cypher");
            List<Migration> result = new ArrayList<>();
            for (Resource r : resources) {
                Matcher m = NAME.matcher(r.getFilename());
                if (!m.matches()) {
                    continue;
                }
                String text = r.getContentAsString(StandardCharsets.UTF_8);
                result.add(new Migration(
                        Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), sha256(text), statements(text)));
            }
            result.sort(Comparator.comparingInt(Migration::version));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script into statements at semicolons that end a line; {@code //} lines are comments. */
    static List<String> statements(String script) {
        var cleaned = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("//")) {
                cleaned.append(line).append('\n');
            }
        }
        return Arrays.stream(cleaned.toString().split(";\\s*\n"))
                .map(String::strip)
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.dangjian.graph.database;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.BookmarkManager;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one door to the database for the service's own Cypher: runs a statement with parameters (never
 * concatenated values) inside the current Spring transaction, if any, and counts each round trip,
 * so that tests can hold a request to a fixed number of statements. Outside a transaction, {@link
 * #rows} runs a read transaction of its own (a cluster routes it to a secondary; a write statement is
 * refused there), after the service's last commit ({@link Transactions}).
 */
@Component
public class Graph {

    private final Neo4jClient client;
    private final org.neo4j.driver.Driver driver;
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private final ThreadLocal<long[]> sentHere = ThreadLocal.withInitial(() -> new long[1]);

    private final SessionConfig reads;

    public Graph(Neo4jClient client, org.neo4j.driver.Driver driver, BookmarkManager bookmarks) {
        this.client = client;
        this.driver = driver;
        this.reads = SessionConfig.builder()
                .withDefaultAccessMode(AccessMode.READ)
                .withBookmarkManager(bookmarks)
                .build();
    }

    /**
     * Runs a read statement in a read transaction of its own and hands each row to the consumer as it
     * arrives (the driver fetches in batches), so that a result larger than memory can be written out
     * as it is read: for exports.
     */
    public void stream(
            String cypher, Map<String, ?> parameters, java.util.function.Consumer<Map<String, Object>> each) {
        sent();
        try (var session = driver.session(reads)) {
            session.executeRead(
                    tx -> {
                        var result = tx.run(cypher, cast(parameters));
                        while (result.hasNext()) {
                            each.accept(result.next().asMap());
                        }
                        return null;
                    },
                    config());
        }
    }

    /**
     * A read transaction's configuration: the time left before the request's deadline as its timeout,
     * where the thread answers a request ({@link ReadDeadline}); else the database's own ceiling.
     */
    private static TransactionConfig config() {
        Duration left = ReadDeadline.left();
        return left == null
                ? TransactionConfig.empty()
                : TransactionConfig.builder().withTimeout(left).build();
    }

    /**
     * Runs a statement and returns all its rows as maps of plain Java values: in the current
     * transaction, or else in a read transaction of its own.
     */
    public List<Map<String, Object>> rows(String cypher, Map<String, ?> parameters) {
        sent();
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            try (var session = driver.session(reads)) {
                // One statement in an auto-commit read: RUN and PULL in one round trip, where a
                // transaction function adds BEGIN and COMMIT (a second round trip, and ~15 % of the
                // database's work for a lookup). Still a read (the session's access mode: a cluster
                // routes it to a secondary, a write is refused) after the service's last commit (the
                // bookmarks). What a transaction function would retry (a leader switch, a deadlock, a
                // lost connection) is retried as one, once the statement has failed whole.
                // Past the request's deadline the database stops the read (its timeout, config()).
                try {
                    return session.run(cypher, cast(parameters), config()).list(Record::asMap);
                } catch (org.neo4j.driver.exceptions.Neo4jException e) {
                    if (!(e instanceof org.neo4j.driver.exceptions.RetryableException)) {
                        throw e;
                    }
                    sent();
                    return session.executeRead(
                            tx -> tx.run(cypher, cast(parameters)).list(Record::asMap), config());
                }
            }
        }
        Collection<Map<String, Object>> rows =
                client.query(cypher).bindAll(cast(parameters)).fetch().all();
        return List.copyOf(rows);
    }

    /** Runs a statement expected to return at most one row. */
    public Map<String, Object> row(String cypher, Map<String, ?> parameters) {
        var rows = rows(cypher, parameters);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** Runs a statement for its effect. */
    public void run(String cypher, Map<String, ?> parameters) {
        sent();
        client.query(cypher).bindAll(cast(parameters)).run();
    }

    /**
     * Takes write locks, held to the end of the current transaction, on the nodes with these ids, in id
     * order (so that two writers locking overlapping sets never wait on each other in a circle). A rule
     * that reads the graph and then writes (no overlapping tie, no cycle, one active designation) locks
     * what it reads first: a second writer then waits for the first one's commit and checks the graph
     * as the first one left it. Returns how many of the ids exist.
     */
    public long lockNodes(Collection<String> ids) {
        var row = row(
                "UNWIND $ids AS id MATCH (n:Entity {id: id}) WITH n ORDER BY n.id"
                        + " SET n.`__lock` = true REMOVE n.`__lock` RETURN count(n) AS locked",
                Map.of(
                        "ids",
                        ids.stream()
                                .filter(java.util.Objects::nonNull)
                                .distinct()
                                .sorted()
                                .toList()));
        return ((Number) row.get("locked")).longValue();
    }

    /** Takes a write lock on the relationship of this type with this id; whether it exists. */
    public boolean lockTie(String relType, String id) {
        var row = row(
                "MATCH ()-[r:`" + relType.replace("`", "") + "` {id: $id}]->()"
                        + " SET r.`__lock` = true REMOVE r.`__lock` RETURN count(r) AS locked",
                Map.of("id", id));
        return ((Number) row.get("locked")).longValue() > 0;
    }

    /**
     * Takes the write lock of a rule that spans more than the nodes a write touches (a cycle can close
     * through any path): one {@code (:RuleLock)} node per rule, made once by a migration's constraint
     * and MERGE here, so that writers checking the rule take turns.
     */
    public void lockRule(String name) {
        run("MERGE (l:RuleLock {name: $name}) SET l.`__lock` = true REMOVE l.`__lock`", Map.of("name", name));
    }

    /**
     * How many statements this service has asked for since it started: sent to the database, or
     * answered from the answers kept until the graph changes (see {@code queries.Answers}). What a
     * request asks for does not depend on what happens to be kept, so tests hold requests to it.
     */
    public long statementCount() {
        return statements.get() + kept.get();
    }

    /** How many statements this service has sent to the database since it started. */
    public long sentCount() {
        return statements.get();
    }

    /** How many statements this thread has sent since it started. */
    public long sentByThisThread() {
        return sentHere.get()[0];
    }

    /** Counts statements answered from the kept answers instead of the database. */
    public void countKept(long count) {
        kept.addAndGet(count);
    }

    private void sent() {
        sentHere.get()[0]++;
        if (BACKGROUND.get()) {
            backgroundStatements.incrementAndGet();
        } else {
            statements.incrementAndGet();
        }
    }

    /** Whether this thread is reading for the service itself, not for a request. */
    private static final ThreadLocal<Boolean> BACKGROUND = ThreadLocal.withInitial(() -> false);

    private final java.util.concurrent.atomic.AtomicLong backgroundStatements =
            new java.util.concurrent.atomic.AtomicLong();

    /**
     * Runs work the service does for itself in the background (a ledger reading a date before anyone
     * waits for it): its statements are counted apart ({@link #backgroundCount}), not among the
     * requests' ({@link #statementCount}, {@link #sentCount}).
     */
    public static void inBackground(Runnable work) {
        BACKGROUND.set(true);
        try {
            work.run();
        } finally {
            BACKGROUND.set(false);
        }
    }

    /** Whether this thread is running work the service does for itself ({@link #inBackground}). */
    public static boolean isBackground() {
        return BACKGROUND.get();
    }

    /** How many statements the service has sent for itself in the background. */
    public long backgroundCount() {
        return backgroundStatements.get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<String, ?> parameters) {
        return (Map<String, Object>) parameters;
    }
}

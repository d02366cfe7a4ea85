package org.dangjian.graph.support;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * The one door to the database for the service's own Cypher: runs a statement with parameters (never
 * concatenated values) inside the current Spring transaction, if any, and counts each round trip,
 * so that tests can hold a request to a fixed number of statements.
 */
@Component
public class Graph {

    private final Neo4jClient client;
    private final AtomicLong statements = new AtomicLong();

    public Graph(Neo4jClient client) {
        this.client = client;
    }

    /** Runs a statement and returns all its rows as maps of plain Java values. */
    public List<Map<String, Object>> rows(String cypher, Map<String, ?> parameters) {
        statements.incrementAndGet();
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
        statements.incrementAndGet();
        client.query(cypher).bindAll(cast(parameters)).run();
    }

    /** How many statements this service has sent since it started. */
    public long statementCount() {
        return statements.get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<String, ?> parameters) {
        return (Map<String, Object>) parameters;
    }
}

package org.dangjian.graph.database;

import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListenerAdapter;

/**
 * How many write transactions the graph has committed since the service started, counted by Neo4j
 * itself after each commit, whoever wrote (a mutation, an import, the audit trail, a Bolt client):
 * two reads that see the same version saw the same graph. Known only where the database runs in this
 * JVM; with a server ({@code spring.neo4j.uri}) the version is {@link #UNKNOWN} and nothing relies on
 * it.
 */
public final class GraphVersion {

    public static final long UNKNOWN = -1;

    private final AtomicLong commits;

    private GraphVersion(AtomicLong commits) {
        this.commits = commits;
    }

    /** The version of a graph this service cannot watch. */
    public static GraphVersion unknown() {
        return new GraphVersion(null);
    }

    /**
     * Counts the commits of an embedded database. Neo4j calls the listener in the committing thread
     * once the changes are applied and before the commit returns, so a client that sees its write
     * acknowledged sees the version moved.
     */
    static GraphVersion watching(org.neo4j.dbms.api.DatabaseManagementService dbms, String database) {
        var commits = new AtomicLong();
        dbms.registerTransactionEventListener(database, new TransactionEventListenerAdapter<Object>() {
            @Override
            public void afterCommit(TransactionData data, Object state, GraphDatabaseService db) {
                commits.incrementAndGet();
            }
        });
        return new GraphVersion(commits);
    }

    /** The current version, or {@link #UNKNOWN}. */
    public long current() {
        return commits == null ? UNKNOWN : commits.get();
    }
}

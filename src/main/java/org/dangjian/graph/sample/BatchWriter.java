package org.dangjian.graph.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.TieType;
import org.neo4j.driver.Driver;

/**
 * Writes generated nodes and ties in batches, one {@code UNWIND $rows} statement per batch, never one
 * statement per entity. Labels and tie kinds are dynamic ({@code $(row.label)}), so the whole load is
 * two statements for Neo4j to plan, whatever the number of kinds: on a cold start, planning one
 * statement per label and tie kind (about fifty) had cost more than writing the sample. Ties wait until
 * the nodes they join are written. Memory is bounded by the batch size, whatever the scale.
 *
 * <p>{@link Mode#CREATE} is for an empty database (fast); {@link Mode#MERGE} matches on ids, so
 * loading the same seed again changes nothing.
 */
public final class BatchWriter implements GraphSink, AutoCloseable {

    /** How rows are written. */
    public enum Mode {
        CREATE,
        MERGE
    }

    private static final String ENTITY = GraphModel.ENTITY;

    private final Driver driver;
    private final Mode mode;
    private final int batchSize;
    private final LongConsumer progress;
    private final List<Map<String, Object>> nodes;
    private final List<Map<String, Object>> ties;
    private long nodeCount;
    private long tieCount;

    public BatchWriter(Driver driver, Mode mode, int batchSize, LongConsumer progress) {
        this.driver = driver;
        this.mode = mode;
        this.batchSize = batchSize;
        this.progress = progress;
        this.nodes = new ArrayList<>(batchSize);
        this.ties = new ArrayList<>(batchSize);
    }

    @Override
    public void node(String label, Map<String, Object> properties) {
        nodes.add(Map.of("label", label, "props", properties));
        if (nodes.size() >= batchSize) {
            writeNodes();
        }
    }

    @Override
    public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {
        ties.add(Map.of("type", type.relType(), "from", fromId, "to", toId, "props", properties));
        if (ties.size() >= batchSize) {
            writeNodes();
            writeTies();
        }
    }

    /** Writes what is still buffered. */
    @Override
    public void close() {
        writeNodes();
        writeTies();
    }

    public long nodeCount() {
        return nodeCount;
    }

    public long tieCount() {
        return tieCount;
    }

    private void writeNodes() {
        if (nodes.isEmpty()) {
            return;
        }
        String cypher = mode == Mode.CREATE
                ? "UNWIND $rows AS row CREATE (n:" + ENTITY + ":$(row.label)) SET n = row.props"
                : "UNWIND $rows AS row MERGE (n:" + ENTITY
                        + " {id: row.props.id}) SET n:$(row.label) SET n = row.props";
        write(cypher, nodes);
        nodeCount += nodes.size();
        progress.accept(nodes.size());
        nodes.clear();
    }

    private void writeTies() {
        if (ties.isEmpty()) {
            return;
        }
        String match =
                "UNWIND $rows AS row MATCH (a:" + ENTITY + " {id: row.from}) MATCH (b:" + ENTITY + " {id: row.to}) ";
        String cypher = mode == Mode.CREATE
                ? match + "CREATE (a)-[r:$(row.type)]->(b) SET r = row.props"
                : match + "MERGE (a)-[r:$(row.type) {id: row.props.id}]->(b) SET r = row.props";
        write(cypher, ties);
        tieCount += ties.size();
        progress.accept(ties.size());
        ties.clear();
    }

    private void write(String cypher, List<Map<String, Object>> rows) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(
                    tx -> tx.run(cypher, Map.of("rows", rows)).consume());
        }
    }
}

package org.dangjian.graph.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.TieType;
import org.neo4j.driver.Driver;

/**
 * Writes generated nodes and ties in batches, one {@code UNWIND $rows} statement per batch and label
 * or tie kind, never one statement per entity. Ties wait until the nodes they join are written.
 * Memory is bounded by the batch size, whatever the scale.
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

    private final Driver driver;
    private final Mode mode;
    private final int batchSize;
    private final LongConsumer progress;
    private final Map<String, List<Map<String, Object>>> nodes = new LinkedHashMap<>();
    private final Map<TieType, List<Map<String, Object>>> ties = new LinkedHashMap<>();
    private long nodeCount;
    private long tieCount;

    public BatchWriter(Driver driver, Mode mode, int batchSize, LongConsumer progress) {
        this.driver = driver;
        this.mode = mode;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    @Override
    public void node(String label, Map<String, Object> properties) {
        var batch = nodes.computeIfAbsent(label, k -> new ArrayList<>(batchSize));
        batch.add(properties);
        if (batch.size() >= batchSize) {
            writeNodes(label, batch);
        }
    }

    @Override
    public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {
        var batch = ties.computeIfAbsent(type, k -> new ArrayList<>(batchSize));
        batch.add(Map.of("from", fromId, "to", toId, "props", properties));
        if (batch.size() >= batchSize) {
            nodes.forEach(this::writeNodes);
            writeTies(type, batch);
        }
    }

    /** Writes what is still buffered. */
    @Override
    public void close() {
        nodes.forEach(this::writeNodes);
        ties.forEach(this::writeTies);
    }

    public long nodeCount() {
        return nodeCount;
    }

    public long tieCount() {
        return tieCount;
    }

    private void writeNodes(String label, List<Map<String, Object>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        String cypher = mode == Mode.CREATE
                ? "UNWIND $rows AS row CREATE (n:" + GraphModel.ENTITY + ":" + label + ") SET n = row"
                : "UNWIND $rows AS row MERGE (n:" + GraphModel.ENTITY + " {id: row.id}) SET n:" + label
                        + " SET n = row";
        write(cypher, batch);
        nodeCount += batch.size();
        progress.accept(batch.size());
        batch.clear();
    }

    private void writeTies(TieType type, List<Map<String, Object>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        String from =
                type.fromLabels().size() == 1 ? type.fromLabels().iterator().next() : GraphModel.ENTITY;
        String to = type.toLabels().size() == 1 ? type.toLabels().iterator().next() : GraphModel.ENTITY;
        String match = "UNWIND $rows AS row MATCH (a:" + from + " {id: row.from}) MATCH (b:" + to + " {id: row.to}) ";
        String cypher = mode == Mode.CREATE
                ? match + "CREATE (a)-[r:" + type.relType() + "]->(b) SET r = row.props"
                : match + "MERGE (a)-[r:" + type.relType() + " {id: row.props.id}]->(b) SET r = row.props";
        write(cypher, batch);
        tieCount += batch.size();
        progress.accept(batch.size());
        batch.clear();
    }

    private void write(String cypher, List<Map<String, Object>> rows) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(
                    tx -> tx.run(cypher, Map.of("rows", rows)).consume());
        }
    }
}

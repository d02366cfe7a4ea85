package org.dangjian.graph.weakness;

import java.util.List;
import java.util.Map;
import org.dangjian.graph.model.GraphNode;

/** A designation with its organization and, for a weak one, its rectification (认定记录). */
record DesignationRecord(
        GraphNode designation,
        GraphNode organization,
        GraphNode rectification,
        String status,
        List<GraphNode> leaders,
        List<GraphNode> supporters) {

    static DesignationRecord of(Map<String, Object> row) {
        return new DesignationRecord(
                GraphNode.of(row.get("designation")),
                GraphNode.of(row.get("organization")),
                GraphNode.of(row.get("rectification")),
                (String) row.get("status"),
                GraphNode.list(row.get("leaders")),
                GraphNode.list(row.get("supporters")));
    }
}

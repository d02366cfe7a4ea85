package org.dangjian.graph.sample;

import java.util.Map;
import org.dangjian.graph.model.TieType;

/** Where generated nodes and ties go: a batching writer, or a counter in tests. */
interface GraphSink {

    void node(String label, Map<String, Object> properties);

    void tie(TieType type, String fromId, String toId, Map<String, Object> properties);
}

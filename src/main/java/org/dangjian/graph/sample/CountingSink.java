package org.dangjian.graph.sample;

import java.util.Map;
import java.util.TreeMap;
import org.dangjian.graph.model.TieType;

/** Counts what a generator produces, without writing: for the progress bar's total and for tests. */
final class CountingSink implements GraphSink {

    final Map<String, Integer> nodes = new TreeMap<>();
    final Map<String, Integer> ties = new TreeMap<>();
    long rows;

    @Override
    public void node(String label, Map<String, Object> properties) {
        nodes.merge(label, 1, Integer::sum);
        rows++;
    }

    @Override
    public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {
        ties.merge(type.kind(), 1, Integer::sum);
        rows++;
    }
}

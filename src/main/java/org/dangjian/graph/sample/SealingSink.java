package org.dangjian.graph.sample;

import java.util.Map;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.security.Seal;

/** Seals the personal properties of every node on its way into another sink: no path writes them plain. */
final class SealingSink implements GraphSink {

    private final GraphSink next;
    private final Seal seal;

    SealingSink(GraphSink next, Seal seal) {
        this.next = next;
        this.seal = seal;
    }

    @Override
    public void node(String label, Map<String, Object> properties) {
        next.node(label, seal.sealPersonal(label, (String) properties.get("id"), properties));
    }

    @Override
    public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {
        next.tie(type, fromId, toId, properties);
    }
}

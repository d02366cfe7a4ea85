package org.dangjian.graph.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.NodeType;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;

/**
 * Brings every personal value of the store under the primary key, in batches of its own
 * transaction each: a plain value (a store written before sealing existed, or by hand over Bolt) is
 * sealed, a value sealed under an older key is opened and sealed again. Each value names its key, so
 * a run that was stopped picks up where it stopped when run again.
 */
final class Resealer {

    static final int BATCH = 1_000;

    private final Driver driver;
    private final Seal seal;

    Resealer(Driver driver, Seal seal) {
        this.driver = driver;
        this.seal = seal;
    }

    /** Labels with personal properties, and those properties. */
    static Map<NodeType, List<String>> personal() {
        var result = new java.util.LinkedHashMap<NodeType, List<String>>();
        for (var type : GraphModel.nodeTypes()) {
            var keys = type.personalProperties();
            if (!keys.isEmpty()) {
                result.put(type, keys);
            }
        }
        return result;
    }

    /** How many nodes hold any personal value at all. */
    long countAny() {
        return count("\u0000"); // no stored value begins with NUL: input refuses control characters
    }

    /** How many nodes hold a personal value not sealed under a key whose values begin with the prefix. */
    long count(String prefix) {
        long total = 0;
        try (var session = driver.session()) {
            for (var e : personal().entrySet()) {
                total += session.run(
                                "MATCH (n:" + e.getKey().label() + ") WHERE " + outdated() + " RETURN count(n) AS n",
                                Map.of("keys", e.getValue(), "prefix", prefix))
                        .single()
                        .get("n")
                        .asLong();
            }
        }
        return total;
    }

    /** Seals again every value not beginning with the prefix; returns how many nodes changed. */
    long reseal(String prefix, Consumer<Long> progress) {
        long changed = 0;
        for (var e : personal().entrySet()) {
            String label = e.getKey().label();
            List<String> keys = e.getValue();
            String after = "";
            while (true) {
                List<Map<String, Object>> rows = new ArrayList<>();
                String last = null;
                try (var session = driver.session()) {
                    var records = session.run(
                                    "MATCH (n:" + label + ") WHERE n.id > $after AND " + outdated()
                                            + " RETURN n.id AS id, n AS node ORDER BY n.id LIMIT $batch",
                                    Map.of("after", after, "keys", keys, "prefix", prefix, "batch", BATCH))
                            .list();
                    for (var r : records) {
                        String id = r.get("id").asString();
                        var node = r.get("node").asNode();
                        var props = new HashMap<String, Object>();
                        for (String key : keys) {
                            Value v = node.get(key);
                            if (v.isNull()) {
                                continue;
                            }
                            Object stored = v.asObject();
                            Object plain = Seal.isSealed(stored) ? seal.open(label, key, id, stored) : stored;
                            props.put(key, seal.seal(label, key, id, plain));
                        }
                        rows.add(Map.of("id", id, "props", props));
                        last = id;
                    }
                    if (rows.isEmpty()) {
                        break;
                    }
                    session.executeWrite(tx -> tx.run(
                                    "UNWIND $rows AS row MATCH (n:" + label + " {id: row.id}) SET n += row.props",
                                    Map.of("rows", rows))
                            .consume());
                }
                changed += rows.size();
                progress.accept(changed);
                after = last;
            }
        }
        return changed;
    }

    private static String outdated() {
        return "any(k IN $keys WHERE n[k] IS NOT NULL AND NOT (n[k] IS :: STRING AND n[k] STARTS WITH $prefix))";
    }
}

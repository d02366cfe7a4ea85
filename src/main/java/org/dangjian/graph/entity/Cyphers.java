package org.dangjian.graph.entity;

import org.dangjian.graph.model.GraphModel;

/** Cypher fragments shared by the entity repositories; labels come only from {@link GraphModel}. */
final class Cyphers {

    /**
     * Projects node {@code n} to a map of its properties plus {@code __type}, its own label, which
     * {@link org.dangjian.graph.model.GraphNode#of} reads.
     */
    static String project(String n) {
        return n + "{.*, " + org.dangjian.graph.model.GraphNode.TYPE_KEY + ": [l IN labels(" + n + ") WHERE l <> '"
                + GraphModel.ENTITY + "'][0]}";
    }

    /** True for a tie {@code r} active at {@code $asOf}, or for every tie when {@code $all}. */
    static String activeAt(String r) {
        return activeAt(r, "asOf", "all");
    }

    /** As {@link #activeAt(String)}, with the parameters named {@code $<asOf>} and {@code $<all>}. */
    static String activeAt(String r, String asOf, String all) {
        return "($" + all + " OR ((" + r + ".since IS NULL OR " + r + ".since <= $" + asOf + ") AND (" + r
                + ".until IS NULL OR " + r + ".until > $" + asOf + ")))";
    }

    private Cyphers() {}
}

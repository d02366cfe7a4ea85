package org.dangjian.graph.entity;

import graphql.schema.DataFetchingEnvironment;
import java.util.Map;

/** Reading a field of a node or tie (a {@code GraphNode} or {@code GraphTie}, both maps) by its name. */
final class GraphQlFields {

    private GraphQlFields() {}

    static Object byKey(DataFetchingEnvironment env) {
        return env.getSource() instanceof Map<?, ?> map ? map.get(env.getField().getName()) : null;
    }
}

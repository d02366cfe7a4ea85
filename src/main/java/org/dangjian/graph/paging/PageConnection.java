package org.dangjian.graph.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list as a Relay connection with {@code totalCount}. (Spring for GraphQL passes
 * values whose class name ends in "Connection" through unchanged.)
 *
 * @param <T> the node type
 */
public record PageConnection<T>(List<Edge<T>> edges, List<T> nodes, PageInfo pageInfo, long totalCount) {

    /** An edge: the node and its opaque cursor. */
    public record Edge<T>(String cursor, T node) {}

    /** Paging information; pages go forward only. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}

    /**
     * The page of {@code first} rows out of rows fetched with one extra (which tells that a next page
     * exists), each with the cursor the function makes of it.
     */
    public static <T> PageConnection<T> of(List<T> fetched, int first, long totalCount, Function<T, String> cursor) {
        boolean more = fetched.size() > first;
        var shown = more ? fetched.subList(0, first) : fetched;
        var edges = new ArrayList<Edge<T>>(shown.size());
        for (T node : shown) {
            edges.add(new Edge<>(cursor.apply(node), node));
        }
        var info = new PageInfo(
                more,
                false,
                edges.isEmpty() ? null : edges.getFirst().cursor(),
                edges.isEmpty() ? null : edges.getLast().cursor());
        return new PageConnection<>(edges, List.copyOf(shown), info, totalCount);
    }
}

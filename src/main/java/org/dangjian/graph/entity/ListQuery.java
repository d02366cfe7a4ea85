package org.dangjian.graph.entity;

import java.util.List;
import java.util.Set;

/**
 * A request for one page of a node list: filters, order and the keyset position after which the page
 * starts ({@code afterName}/{@code afterId}, decoded from the client's cursor), and for a caller with a
 * jurisdiction the ids inside it ({@code within}; null: the whole graph; nodes with no tie count as inside).
 */
record ListQuery(
        List<String> kinds,
        String nameContains,
        Order order,
        int first,
        String afterName,
        String afterId,
        Set<String> within) {

    ListQuery(List<String> kinds, String nameContains, Order order, int first, String afterName, String afterId) {
        this(kinds, nameContains, order, first, afterName, afterId, null);
    }

    /** The orders of the SDL enum {@code NodeOrder}. */
    enum Order {
        NAME_ASC,
        NAME_DESC,
        ID_ASC
    }
}

package org.dangjian.graph.entity;

import java.util.List;

/**
 * A request for one page of a node list: filters, order and the keyset position after which the page
 * starts ({@code afterName}/{@code afterId}, decoded from the client's cursor).
 */
record ListQuery(List<String> kinds, String nameContains, Order order, int first, String afterName, String afterId) {

    /** The orders of the SDL enum {@code NodeOrder}. */
    enum Order {
        NAME_ASC,
        NAME_DESC,
        ID_ASC
    }
}

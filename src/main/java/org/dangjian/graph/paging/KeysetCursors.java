package org.dangjian.graph.paging;

import java.util.Map;
import org.dangjian.graph.api.ApiException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.query.ScrollPositionCursorStrategy;

/**
 * Opaque keyset cursors for every paged list: the sort keys of the last row, encoded by Spring for
 * GraphQL's cursor strategy (JSON) and base64. A cursor that does not decode is a VALIDATION error.
 */
public final class KeysetCursors {

    private static final CursorStrategy<ScrollPosition> STRATEGY =
            CursorStrategy.withEncoder(new ScrollPositionCursorStrategy(), CursorEncoder.base64());

    private KeysetCursors() {}

    public static String encode(Map<String, Object> keys) {
        return STRATEGY.toCursor(ScrollPosition.forward(keys));
    }

    public static Map<String, Object> decode(String cursor) {
        try {
            return ((KeysetScrollPosition) STRATEGY.fromCursor(cursor)).getKeys();
        } catch (RuntimeException e) {
            throw ApiException.validation("after is not a cursor of this list");
        }
    }
}

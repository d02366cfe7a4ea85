package org.dangjian.graph.queries;

import java.util.List;
import java.util.Map;

/** Reading values of the rows Cypher returns, which come back as maps of plain Java values. */
public final class Rows {

    private Rows() {}

    public static long number(Map<String, Object> row, String key) {
        return row.get(key) instanceof Number n ? n.longValue() : 0L;
    }

    public static String text(Map<String, Object> row, String key) {
        return (String) row.get(key);
    }

    public static boolean flag(Map<String, Object> row, String key) {
        return Boolean.TRUE.equals(row.get(key));
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}

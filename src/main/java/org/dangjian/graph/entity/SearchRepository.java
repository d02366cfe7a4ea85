package org.dangjian.graph.entity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.database.Graph;
import org.springframework.stereotype.Repository;

/** Full-text search over names through the {@code nameSearch} index (CJK analyzer). */
@Repository
class SearchRepository {

    /** Characters with a meaning in Lucene's query syntax; escaped so users' text is taken literally. */
    private static final String SPECIAL = "+-&|!(){}[]^\"~*?:\\/";

    private final Graph graph;

    SearchRepository(Graph graph) {
        this.graph = graph;
    }

    /** The best hits first; with {@code within} (a jurisdiction's ids), only those and nodes without ties. */
    List<Map<String, Object>> search(String text, List<String> types, int first, Set<String> within) {
        var params = new HashMap<String, Object>();
        params.put("query", escape(text));
        params.put("types", types);
        // With types, the index's hits are filtered by label before the page is taken: the index is asked
        // for all its hits (streamed, best first), not for a few that the filter would then thin out.
        params.put("options", types == null && within == null ? Map.of("limit", first) : Map.of());
        if (within != null) {
            params.put("within", List.copyOf(within));
        }
        params.put("first", first);
        return graph.rows(
                "CALL db.index.fulltext.queryNodes('nameSearch', $query, $options) YIELD node, score "
                        + "WITH node, score WHERE ($types IS NULL OR any(l IN labels(node) WHERE l IN $types)) "
                        + (within == null ? "" : "AND (node.id IN $within OR NOT EXISTS { (node)--() }) ")
                        + "RETURN " + Cyphers.project("node")
                        + " AS node, score ORDER BY score DESC, node.id LIMIT $first",
                params);
    }

    static String escape(String text) {
        var out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}

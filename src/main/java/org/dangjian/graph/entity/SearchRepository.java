package org.dangjian.graph.entity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.queries.Answers;
import org.springframework.stereotype.Repository;

/**
 * Full-text search over names through the {@code nameSearch} index of all labels, or, among some types,
 * through each type's own (CJK analyzer). Answers are kept until the graph changes ({@link Answers}).
 */
@Repository
class SearchRepository {

    /** Characters with a meaning in Lucene's query syntax; escaped so users' text is taken literally. */
    private static final String SPECIAL = "+-&|!(){}[]^\"~*?:\\/";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SearchRepository.class);

    private final Answers answers;

    SearchRepository(Answers answers) {
        this.answers = answers;
    }

    /** The labels with a full-text index of names of their own, {@code nameSearch<Label>} (migration V0010). */
    static final Set<String> OWN_INDEX = Set.of(
            "Area",
            "PartyOrganization",
            "Unit",
            "Person",
            "Compound",
            "Grid",
            "Resource",
            "Project",
            "MediationOrganization",
            "Campaign",
            "Designation",
            "Rectification");

    /** The best hits first; with {@code within} (a jurisdiction's ids), only those and nodes without ties. */
    List<Map<String, Object>> search(String text, List<String> types, int first, Set<String> within) {
        var params = new HashMap<String, Object>();
        params.put("query", escape(text));
        params.put("types", types);
        params.put("first", first);
        if (within != null) {
            params.put("within", List.copyOf(within));
        }
        String inside = "(node.id IN $within OR NOT EXISTS { (node)--() })";
        String where = within == null ? "" : "WHERE " + inside + " ";
        String answer =
                "RETURN " + Cyphers.project("node") + " AS node, score ORDER BY score DESC, node.id LIMIT $first";
        if (types != null && !types.isEmpty() && OWN_INDEX.containsAll(types)) {
            // Each type's own index gives its best hits (all of them when a jurisdiction filters them
            // afterwards); merged by score. An index still being populated after the migration fails
            // the statement: the one index then answers, as before.
            params.put("options", within == null ? Map.of("limit", first) : Map.of());
            var branches = new java.util.ArrayList<String>();
            for (String type : new java.util.TreeSet<>(types)) {
                branches.add("CALL db.index.fulltext.queryNodes('nameSearch" + type
                        + "', $query, $options) YIELD node, score RETURN node, score");
            }
            String cypher = "CALL { " + String.join(" UNION ALL ", branches) + " } WITH node, score " + where + answer;
            try {
                // the types' own indexes, their nodes' names and scores: carried over the commits that
                // touched no node of these types (Answers); with a jurisdiction, which reads ties, not
                return within == null
                        ? answers.rowsOf(cypher, params, Set.copyOf(types))
                        : answers.rows(cypher, params);
            } catch (RuntimeException e) {
                log.debug(
                        "A type's own name index did not answer ({}); the index of all types answers", e.getMessage());
            }
        }
        // With types, the index's hits are filtered by label before the page is taken: the index is asked
        // for all its hits (streamed, best first), not for a few that the filter would then thin out.
        params.put("options", types == null && within == null ? Map.of("limit", first) : Map.of());
        String cypher = "CALL db.index.fulltext.queryNodes('nameSearch', $query, $options) YIELD node, score "
                + "WITH node, score WHERE ($types IS NULL OR any(l IN labels(node) WHERE l IN $types)) "
                + (within == null ? "" : "AND " + inside + " ")
                + answer;
        // the one index of every type's names, whose scores any of them moves
        return within == null ? answers.rowsOf(cypher, params, OWN_INDEX) : answers.rows(cypher, params);
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

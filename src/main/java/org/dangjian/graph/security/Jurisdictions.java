package org.dangjian.graph.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.queries.Answers;
import org.dangjian.graph.queries.CypherCatalogue;
import org.dangjian.graph.time.Today;
import org.springframework.stereotype.Component;

/**
 * What lies inside a caller's jurisdictions (数据权限): the ids of {@code
 * cypher/queries/jurisdiction-nodes.cypher} for each jurisdiction, as of today, kept until the graph
 * changes ({@link Answers}). Callers without a jurisdiction are not limited ({@link #inside} is null).
 *
 * <p>A node with no tie at all lies inside every jurisdiction: it belongs to no place yet, and a
 * restricted editor who creates one must be able to tie it to their own organization.
 */
@Component
public class Jurisdictions {

    private static final String QUERY = "jurisdiction-nodes";

    private final Graph graph;
    private final Answers answers;
    private final CypherCatalogue catalogue;
    private final Today today;

    Jurisdictions(Graph graph, Answers answers, CypherCatalogue catalogue, Today today) {
        this.graph = graph;
        this.answers = answers;
        this.catalogue = catalogue;
        this.today = today;
    }

    /** The part of the graph a restricted caller may see and change. */
    public final class Inside {

        private final Set<String> ids;

        private Inside(Set<String> ids) {
            this.ids = ids;
        }

        /** The ids inside, for a statement's {@code n.id IN $within} (nodes without ties not among them). */
        public Set<String> ids() {
            return ids;
        }

        /** Whether a node lies inside: among the ids, or tied to nothing. Unknown ids are not inside. */
        public boolean contains(String id) {
            return id != null && (ids.contains(id) || !insideOf(List.of(id)).isEmpty());
        }

        /**
         * Those of these nodes that lie inside: the ids among the kept ones, and of the others those tied
         * to nothing, found by one statement (none when all are among the ids).
         */
        public Set<String> insideOf(Collection<String> some) {
            var out = new HashSet<String>();
            var rest = new ArrayList<String>();
            for (String id : some) {
                if (id == null) {
                    continue;
                }
                if (ids.contains(id)) {
                    out.add(id);
                } else {
                    rest.add(id);
                }
            }
            if (!rest.isEmpty()) {
                for (var row : graph.rows(
                        "MATCH (n:Entity) WHERE n.id IN $ids AND NOT EXISTS { (n)--() } RETURN n.id AS id",
                        Map.of("ids", rest))) {
                    out.add((String) row.get("id"));
                }
            }
            return out;
        }
    }

    /** What the caller may see and change; null for a caller of the whole graph. */
    public Inside inside(Caller caller) {
        return caller.restricted() ? of(caller.jurisdictionIds()) : null;
    }

    /** The ids inside the caller's jurisdictions, for a statement's filter; null for the whole graph. */
    public Set<String> within(Caller caller) {
        var inside = inside(caller);
        return inside == null ? null : inside.ids();
    }

    /** What lies inside these areas or Party organizations, by the same definition as a jurisdiction. */
    public Inside of(List<String> jurisdictions) {
        var sorted = jurisdictions.stream().sorted().toList();
        var params = new HashMap<String, Object>();
        params.put("jurisdictions", sorted);
        params.put("asOf", today.date());
        Set<String> ids = answers.value("jurisdiction", params, () -> compute(sorted));
        return new Inside(ids);
    }

    private Set<String> compute(List<String> jurisdictions) {
        String cypher = catalogue.get(QUERY).cypher();
        var ids = new HashSet<String>();
        for (String j : jurisdictions) {
            var row = graph.row(cypher, Map.of("scope", j, "asOf", today.date()));
            if (row != null && Boolean.TRUE.equals(row.get("exists"))) {
                @SuppressWarnings("unchecked")
                var some = (List<String>) row.get("ids");
                ids.addAll(some);
            }
        }
        return Set.copyOf(ids);
    }

    /**
     * The scope a restricted caller's scoped question runs on: the one given when it lies inside
     * (NOT_FOUND otherwise, as for an id that names nothing), the caller's jurisdiction when none is
     * given. A caller with several jurisdictions names one. Unrestricted callers: the scope as given.
     */
    public String scope(Caller caller, String scope) {
        if (!caller.restricted()) {
            return scope;
        }
        if (scope == null) {
            var mine = caller.jurisdictionIds();
            if (mine.size() == 1) {
                return mine.getFirst();
            }
            throw ApiException.validation("You have several jurisdictions " + mine + ": give scope one of them"
                    + " or an area or Party organization inside one");
        }
        requireInside(caller, scope);
        return scope;
    }

    /** Refuses, as NOT_FOUND, a tie either end of which lies outside (or an id that names no tie). */
    public void requireTieInside(Caller caller, String tieId) {
        var inside = inside(caller);
        if (inside == null || tieId == null) {
            return;
        }
        var type = org.dangjian.graph.model.GraphModel.tieTypeOfId(tieId);
        var row = type.isEmpty()
                ? null
                : graph.row(
                        "MATCH (a:Entity)-[r:" + type.get().relType()
                                + " {id: $id}]->(b:Entity) RETURN a.id AS a, b.id AS b",
                        Map.of("id", tieId));
        if (row == null || !inside.contains((String) row.get("a")) || !inside.contains((String) row.get("b"))) {
            throw ApiException.notFound("No tie with id " + tieId);
        }
    }

    /** Refuses, as NOT_FOUND (the same answer as for an id that names nothing), a node outside. */
    public void requireInside(Caller caller, String id) {
        var inside = inside(caller);
        if (inside != null && !inside.contains(id)) {
            throw ApiException.notFound("No node with id " + id);
        }
    }
}

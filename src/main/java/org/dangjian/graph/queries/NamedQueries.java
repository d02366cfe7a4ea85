package org.dangjian.graph.queries;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.model.GraphNode;
import org.springframework.stereotype.Component;

/**
 * Runs the files of the {@link CypherCatalogue} through the kept {@link Answers}, and checks the scope that
 * most of them take: the id of an Area or a Party organization, or nothing for the whole graph.
 */
@Component
public class NamedQueries {

    private static final List<String> SCOPE_TYPES = List.of("Area", "PartyOrganization");

    /**
     * The ties a scope follows ({@code cypher/fragments/scope.cypher} and {@code scope-members.cypher},
     * which read nothing of the nodes but their ids and labels; {@code ScopeMembersIT} holds the four
     * {@link #SCOPE_MEMBERS} statements to this list).
     */
    static final Set<String> SCOPE_TIES =
            Set.of("REPORTS_TO", "MANAGED_BY", "LEADS", "PART_OF", "LOCATED_IN", "IN", "ESTABLISHED_IN");

    /** The named queries that return the members of a scope and nothing else (one row, {@code ids}). */
    static final Set<String> SCOPE_MEMBERS = Set.of("scope-areas", "scope-nodes", "scope-organizations", "scope-units");

    private final CypherCatalogue catalogue;
    private final Answers answers;

    public NamedQueries(CypherCatalogue catalogue, Answers answers) {
        this.catalogue = catalogue;
        this.answers = answers;
    }

    /** The rows of a named query run without one of its fragments (see {@link CypherCatalogue#without}). */
    public List<Map<String, Object>> rowsWithout(String name, String fragment, Map<String, ?> parameters) {
        return answers.rows(catalogue.without(name, fragment), parameters);
    }

    /** The single row a named query returns (null if none); kept until the graph changes ({@link Answers}). */
    public Map<String, Object> row(String name, Map<String, ?> parameters) {
        var rows = rows(name, parameters);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /**
     * The ids of a scope's members, by one of {@link #SCOPE_MEMBERS} (the scope and {@code asOf} its
     * parameters): kept over the commits that touched no tie a scope follows and no member's id
     * ({@link Answers#rowsAcross}), so that a scoped question after an edit (a name, a phone, a post)
     * does not find its scope again.
     */
    @SuppressWarnings("unchecked")
    public List<String> scopeMembers(String name, String scope, java.time.LocalDate asOf) {
        if (!SCOPE_MEMBERS.contains(name)) {
            throw new IllegalArgumentException(name + " is not one of " + SCOPE_MEMBERS);
        }
        var params = new java.util.HashMap<String, Object>();
        params.put("scope", scope);
        params.put("asOf", asOf);
        var rows = answers.rowsAcross(
                catalogue.get(name).cypher(), params, scope == null ? List.of() : List.of(scope), SCOPE_TIES);
        return rows.isEmpty() ? List.of() : (List<String>) rows.getFirst().get("ids");
    }

    /** The rows of a named query; kept until the graph changes ({@link Answers}). */
    public List<Map<String, Object>> rows(String name, Map<String, ?> parameters) {
        return answers.rows(catalogue.get(name).cypher(), parameters);
    }

    /**
     * The scope node (kept like the rows), or null for no scope; refuses an unknown id or a node that is neither an area
     * nor a Party organization.
     */
    public GraphNode scope(String id) {
        if (id == null) {
            return null;
        }
        var row = answers.rowAbout(
                "MATCH (n:Entity {id: $id}) RETURN n{.*, __type: [l IN labels(n) WHERE l <> 'Entity'][0]} AS node",
                Map.of("id", id),
                List.of(id));
        if (row == null) {
            throw ApiException.notFound("No node with id " + id);
        }
        var node = GraphNode.of(row.get("node"));
        if (!SCOPE_TYPES.contains(node.type())) {
            throw ApiException.validation(
                    "A scope must be an Area or a PartyOrganization; " + id + " is a " + node.type());
        }
        return node;
    }
}

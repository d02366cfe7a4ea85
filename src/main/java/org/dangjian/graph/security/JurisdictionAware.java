package org.dangjian.graph.security;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.NodeType;

/**
 * Which root fields know about jurisdictions, and the node ids a field's arguments name. Fail-closed:
 * a root field not listed here is refused to a restricted caller (FORBIDDEN), so that a field added
 * later cannot show a restricted caller what lies outside before someone has made it aware.
 *
 * <ul>
 *   <li>lookups answer null for a node outside; lists and {@code search} leave out what lies
 *       outside (entity package), every other field does by {@link OutsideLeftOut}; {@code network} and {@code connection} keep to the inside
 *       (cobuilding package); {@code auditEvents} lists events about nodes inside (audit package);
 *       {@code importJob(s)} show the caller's own jobs only, whose rows were checked against the
 *       jurisdiction (imports package);
 *   <li>every other id an argument names (an input's ids included) must lie inside, else NOT_FOUND;
 *   <li>{@code scope} defaults to the caller's jurisdiction and must lie inside ({@link Jurisdictions#scope}).
 * </ul>
 */
final class JurisdictionAware {

    private JurisdictionAware() {}

    /** Root query fields whose answer keeps to a scope, or carries no node of the graph. */
    private static final Set<String> QUERIES = Set.of(
            "node",
            "search",
            "coverage",
            "compoundCoverage",
            "gridCoverage",
            "statistics",
            "unpairedAreas",
            "weakOrganizations",
            "weakOrganizationStats",
            "warningSigns",
            "warningSignRules",
            "network",
            "connection",
            "coBuilding",
            "bridges",
            "enumLabels",
            "serviceSettings",
            "auditEvents",
            "importJob",
            "importJobs",
            "changes");

    /** Mutations whose every node is named by an id in their input (checked here), or that create one. */
    private static final Set<String> MUTATIONS = Set.of(
            "deleteNode",
            "addTie",
            "endTie",
            "designateWeak",
            "startRectification",
            "recordRectificationProgress",
            "acceptRectification",
            "designateDemonstration",
            "endDemonstration");

    private static final Set<String> GENERIC_QUERIES = genericQueries();
    private static final Set<String> GENERIC_MUTATIONS = genericMutations();

    private static Set<String> genericQueries() {
        var out = new HashSet<String>();
        for (NodeType t : GraphModel.nodeTypes()) {
            out.add(t.lookupField());
            out.add(t.listField());
        }
        return Set.copyOf(out);
    }

    private static Set<String> genericMutations() {
        var out = new HashSet<String>();
        for (NodeType t : GraphModel.nodeTypes()) {
            if (t.editable()) {
                out.add("create" + t.label());
                out.add("update" + t.label());
            }
        }
        return Set.copyOf(out);
    }

    /** Whether a root field may be asked by a restricted caller. */
    static boolean aware(String type, String field) {
        if (type.equals("Mutation")) {
            return MUTATIONS.contains(field) || GENERIC_MUTATIONS.contains(field);
        }
        return QUERIES.contains(field) || GENERIC_QUERIES.contains(field);
    }

    /**
     * The node ids the arguments name, read from the schema: every value of type ID, inputs' fields
     * included, except {@code scope} (checked on its own), the tie id that {@code endTie} ends and the
     * job id of {@code importJob}.
     */
    static List<String> ids(String type, GraphQLFieldDefinition field, Map<String, Object> arguments) {
        var out = new ArrayList<String>();
        if (type.equals("Query") && field.getName().equals("importJob")) {
            return out; // the id of a job, not of a node: the caller's own jobs only (imports package)
        }
        for (var argument : field.getArguments()) {
            if (argument.getName().equals("scope")) {
                continue;
            }
            collect(argument.getType(), arguments.get(argument.getName()), out);
        }
        if (type.equals("Mutation") && field.getName().equals("endTie")) {
            @SuppressWarnings("unchecked")
            var input = (Map<String, Object>) arguments.get("input");
            out.remove((String) input.get("id"));
        }
        return out;
    }

    private static void collect(GraphQLInputType type, Object value, List<String> out) {
        if (value == null) {
            return;
        }
        if (type instanceof GraphQLNonNull nonNull) {
            collect((GraphQLInputType) nonNull.getWrappedType(), value, out);
        } else if (type instanceof GraphQLList list && value instanceof List<?> values) {
            for (Object v : values) {
                collect((GraphQLInputType) list.getWrappedType(), v, out);
            }
        } else if (type instanceof GraphQLScalarType scalar && scalar.getName().equals("ID")) {
            out.add(String.valueOf(value));
        } else if (type instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> map) {
            for (var f : object.getFieldDefinitions()) {
                collect(f.getType(), map.get(f.getName()), out);
            }
        }
    }
}

package org.dangjian.graph.security;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.PropertyDataFetcherHelper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.model.GraphTie;
import reactor.core.publisher.Mono;

/**
 * For a caller with a jurisdiction, leaves out of every answer the nodes outside it, whatever field
 * reaches them (a compound's property company, a rectification's supporters, a tie's other end): a
 * field whose type is a node type or {@code Node} drops the nodes outside from its list, or answers
 * null for one; a list of other objects (ties, coverage rows) drops the objects whose non-null node
 * fields name a node outside. Read from the schema, so a field added later is covered too. Callers of
 * the whole graph pass straight through. Rows of reports that stand for a node under its id carry
 * {@code @nodeRow} in the schema and count as nodes.
 */
final class OutsideLeftOut {

    private static final String CONTEXT_KEY = OutsideLeftOut.class.getName();

    private final String field;
    private final boolean nodes;
    private final boolean nonNullSingle;
    private final GraphQLObjectType element;
    private final List<String> requiredNodeFields;

    private OutsideLeftOut(
            String field,
            boolean nodes,
            boolean nonNullSingle,
            GraphQLObjectType element,
            List<String> requiredNodeFields) {
        this.field = field;
        this.nodes = nodes;
        this.nonNullSingle = nonNullSingle;
        this.element = element;
        this.requiredNodeFields = requiredNodeFields;
    }

    /** The guard of a field, or null when its answers can name no node. */
    static OutsideLeftOut of(GraphQLFieldDefinition field) {
        GraphQLType type = field.getType();
        var inner = GraphQLTypeUtil.unwrapAll(type);
        boolean list = GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(type));
        if (nodeType(inner)) {
            return new OutsideLeftOut(field.getName(), true, !list && GraphQLTypeUtil.isNonNull(type), null, List.of());
        }
        if (list && inner instanceof GraphQLObjectType object) {
            var required = object.getFieldDefinitions().stream()
                    .filter(f -> GraphQLTypeUtil.isNonNull(f.getType())
                            && !GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(f.getType()))
                            && nodeType(GraphQLTypeUtil.unwrapAll(f.getType())))
                    .map(GraphQLFieldDefinition::getName)
                    .toList();
            if (!required.isEmpty()) {
                return new OutsideLeftOut(field.getName(), false, false, object, required);
            }
        }
        return null;
    }

    private static boolean nodeType(GraphQLType type) {
        if (type instanceof GraphQLInterfaceType i) {
            return i.getName().equals("Node");
        }
        return type instanceof GraphQLObjectType o
                && (o.getInterfaces().stream().anyMatch(i -> i.getName().equals("Node"))
                        || o.hasAppliedDirective("nodeRow"));
    }

    DataFetcher<?> around(DataFetcher<?> original, Jurisdictions jurisdictions) {
        return env -> {
            Object value = original.get(env);
            Caller caller = Caller.of(env);
            if (!caller.restricted() || value == null) {
                return value;
            }
            Jurisdictions.Inside inside = env.getGraphQlContext()
                    .computeIfAbsent(CONTEXT_KEY, k -> jurisdictions.inside(caller)); // one caller per request
            if (value instanceof CompletionStage<?> stage) {
                return stage.thenApply(v -> keep(v, inside, env));
            }
            if (value instanceof Mono<?> mono) {
                return mono.map(v -> keep(v, inside, env));
            }
            if (value instanceof DataFetcherResult<?> result) {
                return DataFetcherResult.newResult()
                        .data(keep(result.getData(), inside, env))
                        .errors(result.getErrors())
                        .localContext(result.getLocalContext())
                        .build();
            }
            return keep(value, inside, env);
        };
    }

    /**
     * The value less what lies outside. A list is judged with one look at the database at most (for its
     * nodes not among the kept ids: those tied to nothing lie inside). A single node reached through a
     * tie (a tie's end, a reference such as a part-time member's unit) has a tie, so the kept ids alone
     * decide for it.
     */
    private Object keep(Object value, Jurisdictions.Inside inside, DataFetchingEnvironment env) {
        if (value == null) {
            return null;
        }
        if (value instanceof Iterable<?> values) {
            var elements = new java.util.ArrayList<Object>();
            var namedBy = new java.util.ArrayList<List<String>>();
            for (Object v : values) {
                if (v != null) {
                    elements.add(v);
                    namedBy.add(nodes ? java.util.Collections.singletonList(id(v)) : ids(v, env));
                }
            }
            var allowed = inside.insideOf(namedBy.stream().flatMap(List::stream).toList());
            var out = new java.util.ArrayList<Object>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                if (allowed.containsAll(namedBy.get(i))) {
                    out.add(elements.get(i));
                }
            }
            return out;
        }
        if (!nodes) {
            return value;
        }
        String id = id(value);
        boolean in = id != null
                && (env.getSource() instanceof GraphTie ? inside.ids().contains(id) : inside.contains(id));
        if (in) {
            return value;
        }
        if (nonNullSingle) {
            throw new ApiException(
                    ApiException.Code.NOT_FOUND, "The node of " + field + " lies outside your jurisdiction");
        }
        return null;
    }

    /** The ids of the nodes a row's non-null node fields name. */
    private List<String> ids(Object object, DataFetchingEnvironment env) {
        var out = new java.util.ArrayList<String>(requiredNodeFields.size());
        for (String name : requiredNodeFields) {
            Object node = object instanceof Map<?, ?> map
                    ? map.get(name)
                    : PropertyDataFetcherHelper.getPropertyValue(name, object, element, () -> env);
            if (node != null) {
                out.add(id(node));
            }
        }
        return out;
    }

    /** The id of a node (a map or a record), or null. */
    private static String id(Object node) {
        Object id = node instanceof Map<?, ?> map
                ? map.get("id")
                : PropertyDataFetcherHelper.getPropertyValue("id", node, null);
        return id instanceof String s ? s : null;
    }
}

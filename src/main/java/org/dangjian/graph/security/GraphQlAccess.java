package org.dangjian.graph.security;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.api.AnswerDeadline;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.api.GraphQlErrors;
import org.dangjian.graph.api.StrictInput;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.security.core.context.SecurityContextHolder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What each caller may do inside GraphQL, decided in one place for every field of the schema:
 *
 * <ul>
 *   <li>each root field requires a {@link Permission} ({@link #required}): reads READ, mutations WRITE,
 *       the console CONSOLE, the audit trail AUDIT, the settings SETTINGS; a refusal is an error with code FORBIDDEN;
 *   <li>every text argument of a root field is checked and normalised ({@link StrictInput});
 *   <li>personal fields of every type are masked for callers without PERSONAL_DATA, wherever the type
 *       appears (lookups, lists, nested fields, search results);
 *   <li>a request has a deadline ({@code party-graph.graphql.request-timeout}); the answer does not
 *       wait longer than the deadline.
 * </ul>
 *
 * The transaction of a mutation and the recording of every mutation and console query, refusals
 * included, are the audit package's ({@code audit.AuditedFields}), which wraps these fields from the
 * outside.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlAccess {

    /** Root query fields of the console. */
    static final Set<String> CONSOLE_FIELDS = Set.of("cypher", "runNamedQuery", "namedQueries");

    /** Root query fields that look a node up by its id: they answer null for a node outside a jurisdiction. */
    static final Set<String> LOOKUPS = lookups();

    private static Set<String> lookups() {
        var out = new java.util.HashSet<String>();
        out.add("node");
        org.dangjian.graph.model.GraphModel.nodeTypes().forEach(t -> out.add(t.lookupField()));
        return Set.copyOf(out);
    }

    /** The permission a root field requires. */
    static Permission required(String type, String field) {
        if (field.equals("backup") || field.equals("backups")) {
            return Permission.OPERATIONS; // as /actuator/backups
        }
        if (type.equals("Mutation")) {
            return Permission.WRITE;
        }
        if (CONSOLE_FIELDS.contains(field)) {
            return Permission.CONSOLE;
        }
        if (field.equals("auditEvents") || field.equals("verifyAuditTrail")) {
            return Permission.AUDIT;
        }
        if (field.equals("serviceSettings")) {
            return Permission.SETTINGS;
        }
        if (field.equals("importJob") || field.equals("importJobs")) {
            return Permission.WRITE; // the people who import; problems show the values of their rows
        }
        return Permission.READ;
    }

    /**
     * Puts the caller and the deadline into the GraphQL context. Over HTTP the servlet thread runs the
     * execution itself, each read given the time left as its timeout ({@link AnswerDeadline#await},
     * the request marked {@link AnswerDeadline#AWAITED}). Over WebSocket or server-sent events, where
     * nothing waits, the execution runs off the transport's thread and the answer is bounded here:
     * TIMEOUT past the deadline.
     */
    @Bean
    WebGraphQlInterceptor callerAndDeadline(AnswerDeadline deadlines) {
        return (request, chain) -> {
            var caller = Caller.of(SecurityContextHolder.getContext().getAuthentication());
            var deadline = Instant.now().plus(deadlines.timeout());
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                            Map.of(Caller.CONTEXT_KEY, caller, Caller.DEADLINE_KEY, deadline))
                    .build());
            if (Boolean.TRUE.equals(request.getAttributes().get(AnswerDeadline.AWAITED))) {
                // run by the thread that waits for it, its reads bounded by the database
                return chain.next(request);
            }
            return chain.next(request)
                    .subscribeOn(Schedulers.boundedElastic())
                    .timeout(
                            deadlines.limit(),
                            Mono.fromSupplier(() -> GraphQlErrors.answer(
                                    request, ApiException.Code.TIMEOUT.name(), deadlines.message())));
        };
    }

    /** Runs first of the type visitors: the audit's wraps these fields from the outside. */
    @Bean
    @Order(0)
    GraphQlSourceBuilderCustomizer accessControl(Sealing sealing, Jurisdictions jurisdictions) {
        var visitor = new Visitor(sealing, jurisdictions);
        return builder -> builder.typeVisitors(List.of(visitor));
    }

    private static final class Visitor extends GraphQLTypeVisitorStub {

        private final Sealing sealing;
        private final Jurisdictions jurisdictions;

        Visitor(Sealing sealing, Jurisdictions jurisdictions) {
            this.sealing = sealing;
            this.jurisdictions = jurisdictions;
        }

        @Override
        public TraversalControl visitGraphQLFieldDefinition(
                GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
            if (!(context.getParentNode() instanceof GraphQLFieldsContainer parent)) {
                return TraversalControl.CONTINUE;
            }
            var registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
            var coordinates = FieldCoordinates.coordinates(parent.getName(), field.getName());
            DataFetcher<?> original = registry.getDataFetcher(coordinates, field);
            String type = parent.getName();
            if (type.equals("Query") || type.equals("Mutation") || type.equals("Subscription")) {
                registry.dataFetcher(coordinates, guarded(type, field, original));
            } else if (PersonalData.isPersonal(type, field.getName())) {
                boolean scalarString =
                        GraphQLTypeUtil.unwrapAll(field.getType()).getName().equals("String");
                registry.dataFetcher(coordinates, masked(type, field.getName(), scalarString, original));
            } else {
                var kept = OutsideLeftOut.of(field);
                if (kept != null) {
                    registry.dataFetcher(coordinates, kept.around(original, jurisdictions));
                }
            }
            return TraversalControl.CONTINUE;
        }

        /**
         * A personal field: its stored value is sealed; it is opened here, and only shown whole to
         * callers with PERSONAL_DATA; others get its masked form.
         */
        private DataFetcher<?> masked(String type, String key, boolean scalarString, DataFetcher<?> original) {
            return env -> {
                Object stored = original.get(env);
                if (stored == null) {
                    return null;
                }
                KeptResponses.notKept(env); // personal values are not kept open, nor masked
                String id = env.getSource() instanceof Map<?, ?> node ? (String) node.get("id") : null;
                Object value = sealing.seal().openTyped(type, key, id, stored);
                if (Caller.of(env).can(Permission.PERSONAL_DATA)) {
                    return value;
                }
                // A masked date cannot be a Date: it is withheld.
                return scalarString ? PersonalData.mask(key, value) : null;
            };
        }

        private DataFetcher<?> guarded(String type, GraphQLFieldDefinition definition, DataFetcher<?> original) {
            String field = definition.getName();
            Permission permission = required(type, field);
            boolean lookup = type.equals("Query") && LOOKUPS.contains(field);
            return given -> {
                KeptResponses.rootField(given, type, field);
                Caller caller = Caller.of(given);
                if (!caller.can(permission)) {
                    throw new ApiException(
                            ApiException.Code.FORBIDDEN,
                            "Forbidden: " + field + " needs a role with " + permission + " ("
                                    + (caller.roles().isEmpty() ? "you have no role" : "you have " + caller.roleNames())
                                    + ")");
                }
                Map<String, Object> arguments = StrictInput.arguments(given.getArguments());
                if (caller.restricted()) {
                    if (!JurisdictionAware.aware(type, field)) {
                        throw new ApiException(
                                ApiException.Code.FORBIDDEN,
                                "Forbidden: " + field + " is not available to a user with a jurisdiction ("
                                        + caller.jurisdictionIds() + "); it needs a user of the whole graph");
                    }
                    var inside = jurisdictions.inside(caller);
                    if (lookup) {
                        if (!inside.contains((String) arguments.get("id"))) {
                            return null; // outside: as if nothing had that id
                        }
                    } else {
                        arguments = new java.util.LinkedHashMap<>(arguments);
                        if (definition.getArgument("scope") != null) {
                            arguments.put("scope", jurisdictions.scope(caller, (String) arguments.get("scope")));
                        }
                        var named = JurisdictionAware.ids(type, definition, arguments);
                        var allowed = inside.insideOf(named);
                        for (String id : named) {
                            if (!allowed.contains(id)) {
                                throw ApiException.notFound("No node with id " + id);
                            }
                        }
                        if (type.equals("Mutation") && field.equals("endTie")) {
                            @SuppressWarnings("unchecked")
                            var input = (Map<String, Object>) arguments.get("input");
                            jurisdictions.requireTieInside(caller, (String) input.get("id"));
                        }
                    }
                }
                return original.get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment(given)
                        .arguments(arguments)
                        .build());
            };
        }
    }
}

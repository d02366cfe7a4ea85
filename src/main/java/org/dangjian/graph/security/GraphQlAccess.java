package org.dangjian.graph.security;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.dangjian.graph.audit.AuditTrail;
import org.dangjian.graph.support.ApiException;
import org.dangjian.graph.support.Failures;
import org.dangjian.graph.support.GraphQlErrors;
import org.dangjian.graph.support.StrictInput;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What each caller may do inside GraphQL, decided in one place for every field of the schema:
 *
 * <ul>
 *   <li>each root field requires a {@link Permission} ({@link #required}): reads READ, mutations WRITE,
 *       the console CONSOLE, the audit trail AUDIT, the settings SETTINGS; a refusal is an error with code FORBIDDEN;
 *   <li>every mutation runs in one transaction with its audit event; console queries are audited too,
 *       and so is every refusal or failure of either;
 *   <li>personal fields of every type are masked for callers without PERSONAL_DATA, wherever the type
 *       appears (lookups, lists, nested fields, search results);
 *   <li>a request has a deadline ({@code party-graph.graphql.request-timeout}): a mutation past it is
 *       rolled back instead of committed, and the answer does not wait longer than the deadline.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class GraphQlAccess {

    static final String DEADLINE_KEY = GraphQlAccess.class.getName() + ".deadline";

    /** Root query fields of the console. */
    static final Set<String> CONSOLE_FIELDS = Set.of("cypher", "runNamedQuery", "namedQueries");

    /** Console fields that run a query, and are audited. */
    static final Set<String> AUDITED_QUERIES = Set.of("cypher", "runNamedQuery");

    /** Time a mutation's own deadline check is given before the answer stops waiting. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    /** The permission a root field requires. */
    static Permission required(String type, String field) {
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
        return Permission.READ;
    }

    /** Puts the caller and the deadline into the GraphQL context; answers TIMEOUT past the deadline. */
    @Bean
    WebGraphQlInterceptor callerAndDeadline(@Value("${party-graph.graphql.request-timeout:30s}") Duration timeout) {
        return (request, chain) -> {
            var caller = Caller.of(SecurityContextHolder.getContext().getAuthentication());
            var deadline = Instant.now().plus(timeout);
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                            Map.of(Caller.CONTEXT_KEY, caller, DEADLINE_KEY, deadline))
                    .build());
            // Executed off the servlet thread, so that the answer can stop waiting at the deadline.
            return chain.next(request)
                    .subscribeOn(Schedulers.boundedElastic())
                    .timeout(
                            timeout.plus(GRACE),
                            Mono.fromSupplier(
                                    () -> GraphQlErrors.answer(
                                            request,
                                            ApiException.Code.TIMEOUT.name(),
                                            "The request ran past its time limit of " + timeout
                                                    + " (party-graph.graphql.request-timeout); a mutation past it is rolled back")));
        };
    }

    @Bean
    GraphQlSourceBuilderCustomizer accessControl(
            AuditTrail audit, PlatformTransactionManager transactions, Sealing sealing) {
        var visitor = new Visitor(audit, new TransactionTemplate(transactions), sealing);
        return builder -> builder.typeVisitors(List.of(visitor));
    }

    static Caller caller(DataFetchingEnvironment env) {
        Caller caller = env.getGraphQlContext().get(Caller.CONTEXT_KEY);
        return caller == null ? Caller.NOBODY : caller;
    }

    private static final class Visitor extends GraphQLTypeVisitorStub {

        private final AuditTrail audit;
        private final TransactionTemplate transaction;
        private final Sealing sealing;

        Visitor(AuditTrail audit, TransactionTemplate transaction, Sealing sealing) {
            this.audit = audit;
            this.transaction = transaction;
            this.sealing = sealing;
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
            if (type.equals("Query") || type.equals("Mutation")) {
                registry.dataFetcher(coordinates, guarded(type, field.getName(), original));
            } else if (PersonalData.isPersonal(type, field.getName())) {
                boolean scalarString =
                        GraphQLTypeUtil.unwrapAll(field.getType()).getName().equals("String");
                registry.dataFetcher(coordinates, masked(type, field.getName(), scalarString, original));
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
                String id = env.getSource() instanceof Map<?, ?> node ? (String) node.get("id") : null;
                Object value = sealing.seal().openTyped(type, key, id, stored);
                if (caller(env).can(Permission.PERSONAL_DATA)) {
                    return value;
                }
                // A masked date cannot be a Date: it is withheld.
                return scalarString ? PersonalData.mask(key, value) : null;
            };
        }

        private DataFetcher<?> guarded(String type, String field, DataFetcher<?> original) {
            Permission permission = required(type, field);
            boolean mutation = type.equals("Mutation");
            boolean audited = mutation || AUDITED_QUERIES.contains(field);
            AuditTrail.Kind kind = mutation ? AuditTrail.Kind.MUTATION : AuditTrail.Kind.CONSOLE;
            return given -> {
                DataFetchingEnvironment env = given;
                Caller caller = caller(env);
                if (!caller.can(permission)) {
                    var refusal = new ApiException(
                            ApiException.Code.FORBIDDEN,
                            "Forbidden: " + field + " needs a role with " + permission + " ("
                                    + (caller.roles().isEmpty() ? "you have no role" : "you have " + caller.roleNames())
                                    + ")");
                    if (audited) {
                        audit.recordAlone(event(kind, env, caller, null, refusal));
                    }
                    throw refusal;
                }
                try {
                    env = DataFetchingEnvironmentImpl.newDataFetchingEnvironment(given)
                            .arguments(StrictInput.arguments(given.getArguments()))
                            .build();
                } catch (ApiException refusal) {
                    if (audited) {
                        audit.recordAlone(event(kind, given, caller, null, refusal));
                    }
                    throw refusal;
                }
                if (!audited) {
                    return original.get(env);
                }
                if (!mutation) {
                    // recorded however it ends: answered, refused, failed, stopped or interrupted
                    Object result = null;
                    Throwable failure = null;
                    try {
                        result = completed(original.get(env));
                        return result;
                    } catch (Throwable e) {
                        failure = e;
                        throw e;
                    } finally {
                        audit.recordAlone(event(kind, env, caller, result, failure));
                    }
                }
                try {
                    return inTransaction(original, env, caller, kind);
                } catch (RuntimeException e) {
                    RuntimeException answer = Failures.translate(e);
                    audit.recordAlone(event(kind, env, caller, null, answer));
                    throw answer;
                }
            };
        }

        /**
         * Runs a mutation and its audit record in one transaction. A transaction the database gave up
         * for a transient reason (a deadlock between writers locking the same nodes) is run again from
         * the start, a few times, so that a rule's loser answers with the rule's own refusal.
         */
        private Object inTransaction(
                DataFetcher<?> original, DataFetchingEnvironment env, Caller caller, AuditTrail.Kind kind) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return transaction.execute(status -> {
                        Object result;
                        try {
                            result = original.get(env);
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        result = completed(result);
                        Instant deadline = env.getGraphQlContext().get(DEADLINE_KEY);
                        if (deadline != null && Instant.now().isAfter(deadline)) {
                            throw new ApiException(
                                    ApiException.Code.TIMEOUT,
                                    "The request ran past its time limit (party-graph.graphql.request-timeout);"
                                            + " the change was rolled back");
                        }
                        audit.recordHere(event(kind, env, caller, result, null));
                        return result;
                    });
                } catch (RuntimeException e) {
                    if (attempt >= Failures.ATTEMPTS || !Failures.transient_(e)) {
                        throw e;
                    }
                    Failures.pause(attempt);
                }
            }
        }

        /**
         * The value of a result: controller methods run on the request's thread (no executor is
         * configured for them), but a controller that threw answers with a future of its resolved
         * exception; waiting for it here keeps the rollback and the failure's record in order.
         */
        private static Object completed(Object result) {
            if (result instanceof CompletionStage<?> stage) {
                try {
                    return stage.toCompletableFuture().join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
            if (result instanceof Mono<?> mono) {
                return mono.block();
            }
            return result;
        }

        private static AuditTrail.Event event(
                AuditTrail.Kind kind, DataFetchingEnvironment env, Caller caller, Object result, Throwable failure) {
            var operation = env.getOperationDefinition();
            String code = null;
            String message = null;
            if (failure != null) {
                Throwable cause = failure;
                while (cause != null && !(cause instanceof ApiException)) {
                    cause = cause.getCause();
                }
                if (cause instanceof ApiException api) {
                    code = api.code().name();
                    message = api.getMessage();
                } else {
                    code = "INTERNAL";
                    message = failure.getClass().getSimpleName();
                }
            }
            Map<String, Object> arguments = env.getArguments();
            return new AuditTrail.Event(
                    kind,
                    env.getField().getName(),
                    operation == null ? null : operation.getName(),
                    caller,
                    arguments,
                    kind == AuditTrail.Kind.CONSOLE ? AuditTrail.ids(arguments) : AuditTrail.ids(arguments, result),
                    failure == null,
                    code,
                    message);
        }
    }
}

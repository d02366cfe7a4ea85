package org.dangjian.graph.audit;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.api.Failures;
import org.dangjian.graph.security.Caller;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;

/**
 * What the audit trail records of GraphQL, wrapped around the root fields from the outside (after the
 * access layer has wrapped them), so that whatever happens inside, a refusal included, is recorded:
 *
 * <ul>
 *   <li>every mutation runs in one transaction with its audit event, so the change and its record
 *       commit together or not at all; a transaction the database gave up for a transient reason (a
 *       deadlock between writers) is run again, a few times; a mutation whose commit comes after the
 *       request's deadline is rolled back; a refusal or failure is recorded in a transaction of its
 *       own, a broken uniqueness constraint as CONFLICT;
 *   <li>console queries are recorded however they end: answered, refused, failed, stopped.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class AuditedFields {

    /** Console fields that run a query, and are audited. */
    static final Set<String> AUDITED_QUERIES = Set.of("cypher", "runNamedQuery");

    /**
     * Mutations that write no graph data of their own and must not run in a write transaction: a
     * backup pauses the writes and waits for those under way, its own among them if it had one.
     * Recorded once they have ended, like the console's statements.
     */
    static final Set<String> OUTSIDE_TRANSACTION = Set.of("backup");

    /** Runs after the access layer's visitor, so that it wraps the access checks from the outside. */
    @Bean
    @Order(10)
    GraphQlSourceBuilderCustomizer auditedFieldsCustomizer(
            AuditTrail audit, PlatformTransactionManager transactions, org.dangjian.graph.database.WritePause pause) {
        var visitor = new Visitor(audit, new TransactionTemplate(transactions), pause);
        return builder -> builder.typeVisitors(List.of(visitor));
    }

    private static final class Visitor extends GraphQLTypeVisitorStub {

        private final AuditTrail audit;
        private final TransactionTemplate transaction;
        private final org.dangjian.graph.database.WritePause pause;

        Visitor(AuditTrail audit, TransactionTemplate transaction, org.dangjian.graph.database.WritePause pause) {
            this.pause = pause;
            this.audit = audit;
            this.transaction = transaction;
        }

        @Override
        public TraversalControl visitGraphQLFieldDefinition(
                GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
            if (!(context.getParentNode() instanceof GraphQLFieldsContainer parent)) {
                return TraversalControl.CONTINUE;
            }
            String type = parent.getName();
            boolean mutation = type.equals("Mutation");
            if (!mutation && !(type.equals("Query") && AUDITED_QUERIES.contains(field.getName()))) {
                return TraversalControl.CONTINUE;
            }
            var registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
            var coordinates = FieldCoordinates.coordinates(type, field.getName());
            DataFetcher<?> inner = registry.getDataFetcher(coordinates, field);
            registry.dataFetcher(
                    coordinates,
                    !mutation
                            ? recordedAfter(inner, AuditTrail.Kind.CONSOLE)
                            : OUTSIDE_TRANSACTION.contains(field.getName())
                                    ? recordedAfter(inner, AuditTrail.Kind.MUTATION)
                                    : mutation(inner));
            return TraversalControl.CONTINUE;
        }

        /**
         * Runs a field and records it once it has ended, however it ended, in a transaction of the
         * trail's own: the console's queries, and the mutations that run outside any transaction.
         */
        private DataFetcher<?> recordedAfter(DataFetcher<?> inner, AuditTrail.Kind kind) {
            return env -> {
                Object result = null;
                Throwable failure = null;
                try {
                    result = completed(inner.get(env));
                    return result;
                } catch (RuntimeException e) {
                    failure = kind == AuditTrail.Kind.MUTATION ? Failures.translate(e) : e;
                    throw (RuntimeException) failure;
                } catch (Throwable e) {
                    failure = e;
                    throw e;
                } finally {
                    audit.recordAlone(event(kind, env, result, failure));
                }
            };
        }

        private DataFetcher<?> mutation(DataFetcher<?> inner) {
            return env -> {
                try {
                    return inTransaction(inner, env);
                } catch (RuntimeException e) {
                    RuntimeException answer = Failures.translate(e);
                    audit.recordAlone(event(AuditTrail.Kind.MUTATION, env, null, answer));
                    throw answer;
                }
            };
        }

        private Object inTransaction(DataFetcher<?> inner, DataFetchingEnvironment env) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return pause.writing(() -> transaction.execute(status -> {
                        Object result;
                        try {
                            result = inner.get(env);
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        result = completed(result);
                        Instant deadline = env.getGraphQlContext().get(Caller.DEADLINE_KEY);
                        if (deadline != null && Instant.now().isAfter(deadline)) {
                            throw new ApiException(
                                    ApiException.Code.TIMEOUT,
                                    "The request ran past its time limit (party-graph.graphql.request-timeout);"
                                            + " the change was rolled back");
                        }
                        audit.recordHere(event(AuditTrail.Kind.MUTATION, env, result, null));
                        return result;
                    }));
                } catch (RuntimeException e) {
                    if (attempt >= Failures.ATTEMPTS || !Failures.retryable(e)) {
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
                AuditTrail.Kind kind, DataFetchingEnvironment env, Object result, Throwable failure) {
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
                    Caller.of(env),
                    arguments,
                    kind == AuditTrail.Kind.CONSOLE ? AuditTrail.ids(arguments) : AuditTrail.ids(arguments, result),
                    failure == null,
                    code,
                    message);
        }
    }
}

package org.dangjian.graph.api;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * GraphQL as operators watch it, in Micrometer (so in {@code /actuator/prometheus}):
 *
 * <ul>
 *   <li>{@code party_graph_graphql_requests_seconds{operation, outcome}}: each request, by its operation
 *       name ({@code (anonymous)} without one) and outcome ({@code OK} or the first error's code), as a
 *       histogram;
 *   <li>{@code party_graph_graphql_fields_seconds{type, field}}: each root field (Query or Mutation),
 *       from its start to its value's completion, nested fields included, as a histogram;
 *   <li>{@code party_graph_graphql_errors_total{code, field}}: every error by {@code extensions.code}
 *       and the root field it arose in ({@code (request)} for a refused or invalid request).
 * </ul>
 *
 * Operation names are the client's words: at most {@link #MAX_OPERATIONS} distinct names are kept as
 * tags, the rest count as {@code (other)}, so a client cannot grow the metrics without bound.
 *
 * <p>One of the members of the service's one instrumentation ({@code QueryLimits}). A request answered
 * from the kept responses ({@code security.KeptResponses}) runs no execution: it is counted in the same
 * request timer through {@link Requests}, without field timings.
 */
public class GraphQlMetrics extends SimplePerformantInstrumentation {

    static final int MAX_OPERATIONS = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final MeterRegistry registry;
    private final Requests requests;
    private final Set<String> errorFields = ConcurrentHashMap.newKeySet();

    public GraphQlMetrics(MeterRegistry registry, Requests requests) {
        this.registry = registry;
        this.requests = requests;
    }

    /**
     * The request timer, {@code party_graph_graphql_requests_seconds{operation, outcome}}, shared by
     * the executions and the answers served whole from the kept responses.
     */
    public static final class Requests {

        private final MeterRegistry registry;
        private final Set<String> operations = ConcurrentHashMap.newKeySet();

        public Requests(MeterRegistry registry) {
            this.registry = registry;
        }

        /** A timing started for a request. */
        public Timer.Sample start() {
            return Timer.start(registry);
        }

        /** Ends a request's timing, by its operation name (null: anonymous) and outcome. */
        public void stop(Timer.Sample sample, String operationName, String outcome) {
            String operation = operationName == null || operationName.isBlank()
                    ? "(anonymous)"
                    : bounded(operations, operationName);
            sample.stop(Timer.builder("party_graph.graphql.requests")
                    .description("GraphQL requests by operation name and outcome")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }

    /** The operation's name, from the request or else from the document once it is parsed. */
    private static final class Named implements InstrumentationState {
        volatile String name;
    }

    @Override
    public InstrumentationState createState(
            graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters parameters) {
        return new Named();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        if (state instanceof Named named && named.name == null) {
            named.name =
                    parameters.getExecutionContext().getOperationDefinition().getName();
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        var sample = requests.start();
        if (state instanceof Named named) {
            named.name = parameters.getOperation();
        }
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
            String operation = state instanceof Named named ? named.name : parameters.getOperation();
            String outcome = "OK";
            if (failure != null) {
                outcome = "INTERNAL";
            } else if (result != null && !result.getErrors().isEmpty()) {
                outcome = code(result.getErrors().getFirst());
                for (GraphQLError error : result.getErrors()) {
                    var path = error.getPath();
                    // the first step of the path is the root field's result key: an alias may rename it
                    String field = path == null || path.isEmpty()
                            ? "(request)"
                            : bounded(errorFields, String.valueOf(path.getFirst()));
                    Counter.builder("party_graph.graphql.errors")
                            .description("GraphQL errors by extensions.code and root field")
                            .tag("code", code(error))
                            .tag("field", field)
                            .register(registry)
                            .increment();
                }
            }
            requests.stop(sample, operation, outcome);
        });
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(
            InstrumentationFieldParameters parameters, InstrumentationState state) {
        var step = parameters.getExecutionStepInfo();
        if (step.getPath().getLevel() != 1) {
            return SimpleInstrumentationContext.noOp();
        }
        var sample = Timer.start(registry);
        String type = step.getParent().getUnwrappedNonNullType() instanceof graphql.schema.GraphQLNamedType named
                ? named.getName()
                : "Query";
        String field = step.getFieldDefinition().getName();
        return SimpleInstrumentationContext.whenCompleted(
                (value, failure) -> sample.stop(Timer.builder("party_graph.graphql.fields")
                        .description("Root fields of GraphQL, from start to completion of their value")
                        .tag("type", type)
                        .tag("field", field)
                        .publishPercentileHistogram()
                        .register(registry)));
    }

    /** The name as a tag while fewer than {@link #MAX_OPERATIONS} distinct ones have been seen. */
    private static String bounded(Set<String> seen, String name) {
        if (!NAME.matcher(name).matches()) {
            return "(other)";
        }
        if (seen.contains(name) || (seen.size() < MAX_OPERATIONS && seen.add(name))) {
            return name;
        }
        return "(other)";
    }

    private static String code(GraphQLError error) {
        var extensions = error.getExtensions();
        Object code = extensions == null ? null : extensions.get("code");
        if (code != null) {
            return String.valueOf(code);
        }
        var classification = error.getErrorType();
        return classification == null
                ? "UNKNOWN"
                : String.valueOf(classification).toUpperCase();
    }
}

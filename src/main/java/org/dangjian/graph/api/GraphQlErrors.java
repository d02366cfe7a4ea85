package org.dangjian.graph.api;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Turns exceptions into GraphQL errors: an {@link ApiException} keeps its message and code; anything
 * else is logged here and reaches the client as a bare INTERNAL error, never a stack trace.
 */
@Component
public class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    /**
     * An answer of one error with a code, for interceptors that refuse or stop a request before or
     * instead of its execution (limits, deadlines).
     */
    public static WebGraphQlResponse answer(WebGraphQlRequest request, String code, String message) {
        return answer(request.toExecutionInput(), code, message);
    }

    /** The same, where the request is not at hand (a wait that ran out, {@link AnswerDeadline}). */
    static WebGraphQlResponse answer(String code, String message) {
        return answer(graphql.ExecutionInput.newExecutionInput("").build(), code, message);
    }

    private static WebGraphQlResponse answer(graphql.ExecutionInput input, String code, String message) {
        var error = GraphqlErrorBuilder.newError()
                .message(message)
                .extensions(Map.of("code", code))
                .build();
        var result = ExecutionResult.newExecutionResult().addError(error).build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(input, result));
    }

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        Throwable cause = ex instanceof RuntimeException r ? Failures.translate(r) : ex;
        while (cause != null && !(cause instanceof ApiException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            if (api.code() == ApiException.Code.UNAVAILABLE) {
                // The database stopped (the service is stopping) or cannot be reached: expected, one line.
                log.warn(
                        "Database unavailable in {}: {}",
                        env.getExecutionStepInfo().getPath(),
                        ex.getMessage());
            }
            return GraphqlErrorBuilder.newError(env)
                    .errorType(
                            switch (api.code()) {
                                case NOT_FOUND -> ErrorType.NOT_FOUND;
                                case UNAVAILABLE -> ErrorType.INTERNAL_ERROR;
                                default -> ErrorType.BAD_REQUEST;
                            })
                    .message(api.getMessage())
                    .extensions(Map.of("code", api.code().name()))
                    .build();
        }
        log.error("Unexpected failure in {}", env.getExecutionStepInfo().getPath(), ex);
        return GraphqlErrorBuilder.newError(env)
                .errorType(ErrorType.INTERNAL_ERROR)
                .message("Internal error; the request changed nothing. See the service log.")
                .extensions(Map.of("code", "INTERNAL"))
                .build();
    }
}

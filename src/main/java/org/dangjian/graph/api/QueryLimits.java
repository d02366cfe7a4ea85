package org.dangjian.graph.api;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.DataFetcher;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import reactor.core.publisher.Mono;

/**
 * Limits on what one request may ask: query depth and complexity (graphql-java's instrumentations),
 * and the number of aliased fields and of operations in a document. Each is refused with a clear
 * GraphQL error before anything runs. Page sizes are limited by each list field itself.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

    /**
     * The service's one instrumentation: the depth and complexity limits and {@link GraphQlMetrics}.
     * Chained by graphql-java's {@link ChainedInstrumentation}, whose callbacks before and after every
     * field of an answer are skipped here: none of the three uses them but the metrics, for root
     * fields only. Four instrumentations chained each through every field (with Spring for GraphQL's
     * observation, now left out) took 15% of the CPU of a network of 435 nodes and ties.
     */
    @Bean
    Instrumentation graphQlInstrumentation(
            @Value("${party-graph.graphql.max-depth:15}") int maxDepth,
            @Value("${party-graph.graphql.max-complexity:1000}") int maxComplexity,
            io.micrometer.core.instrument.MeterRegistry registry,
            GraphQlMetrics.Requests requests) {
        return new OperationsOnly(List.of(
                new MaxQueryDepthInstrumentation(maxDepth),
                new MaxQueryComplexityInstrumentation(maxComplexity),
                new GraphQlMetrics(registry, requests)));
    }

    /** The request timer, shared by the instrumentation and the kept responses. */
    @Bean
    GraphQlMetrics.Requests graphQlRequests(io.micrometer.core.instrument.MeterRegistry registry) {
        return new GraphQlMetrics.Requests(registry);
    }

    /** A chain whose members act on the operation (and on root fields), never on other fields. */
    static final class OperationsOnly extends ChainedInstrumentation {

        OperationsOnly(List<Instrumentation> members) {
            super(members);
        }

        @Override
        public InstrumentationContext<Object> beginFieldExecution(
                InstrumentationFieldParameters parameters, InstrumentationState state) {
            return parameters.getExecutionStepInfo().getPath().getLevel() == 1
                    ? super.beginFieldExecution(parameters, state)
                    : SimpleInstrumentationContext.noOp();
        }

        @Override
        public ExecuteObjectInstrumentationContext beginExecuteObject(
                InstrumentationExecutionStrategyParameters parameters, InstrumentationState state) {
            return ExecuteObjectInstrumentationContext.NOOP;
        }

        @Override
        public InstrumentationContext<Object> beginFieldFetch(
                InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
            return SimpleInstrumentationContext.noOp();
        }

        @Override
        public FieldFetchingInstrumentationContext beginFieldFetching(
                InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
            return FieldFetchingInstrumentationContext.NOOP;
        }

        @Override
        public InstrumentationContext<Object> beginFieldCompletion(
                InstrumentationFieldCompleteParameters parameters, InstrumentationState state) {
            return SimpleInstrumentationContext.noOp();
        }

        @Override
        public InstrumentationContext<Object> beginFieldListCompletion(
                InstrumentationFieldCompleteParameters parameters, InstrumentationState state) {
            return SimpleInstrumentationContext.noOp();
        }

        @Override
        public DataFetcher<?> instrumentDataFetcher(
                DataFetcher<?> dataFetcher,
                InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            return dataFetcher;
        }
    }

    @Bean
    WebGraphQlInterceptor aliasAndOperationLimits(
            @Value("${party-graph.graphql.max-aliases:30}") int maxAliases,
            @Value("${party-graph.graphql.max-operations:5}") int maxOperations,
            @Value("${party-graph.graphql.parsed-documents:2000}") int documents) {
        // A refusal is a function of the document's text: judged once per distinct document, as many
        // documents kept as ParsedDocuments keeps.
        com.github.benmanes.caffeine.cache.Cache<String, java.util.Optional<String>> judged =
                com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                        .maximumSize(documents)
                        .build();
        return (request, chain) -> {
            String refusal = judged.get(
                            request.getDocument(),
                            document -> java.util.Optional.ofNullable(refusal(request, maxAliases, maxOperations)))
                    .orElse(null);
            if (refusal == null) {
                return chain.next(request);
            }
            return Mono.just(GraphQlErrors.answer(request, "LIMIT", refusal));
        };
    }

    private static String refusal(WebGraphQlRequest request, int maxAliases, int maxOperations) {
        Document document;
        try {
            document = Parser.parse(request.getDocument());
        } catch (InvalidSyntaxException e) {
            return null; // graphql-java reports syntax errors itself
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operations.size() > maxOperations) {
            return "Too many operations in one request: " + operations.size() + " > " + maxOperations
                    + " (party-graph.graphql.max-operations)";
        }
        var aliases = new AtomicInteger();
        new NodeTraverser()
                .preOrder(
                        new NodeVisitorStub() {
                            @Override
                            public TraversalControl visitField(
                                    Field field, TraverserContext<graphql.language.Node> context) {
                                if (field.getAlias() != null) {
                                    aliases.incrementAndGet();
                                }
                                return TraversalControl.CONTINUE;
                            }
                        },
                        document);
        if (aliases.get() > maxAliases) {
            return "Too many aliased fields in one request: " + aliases.get() + " > " + maxAliases
                    + " (party-graph.graphql.max-aliases)";
        }
        return null;
    }
}

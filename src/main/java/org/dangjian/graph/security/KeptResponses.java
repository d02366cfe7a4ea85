package org.dangjian.graph.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.schema.DataFetchingEnvironment;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.dangjian.graph.api.AnswerDeadline;
import org.dangjian.graph.api.GraphQlMetrics;
import org.dangjian.graph.database.GraphVersion;
import org.dangjian.graph.queries.Answers;
import org.dangjian.graph.time.Today;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole answers of GraphQL queries over HTTP, kept until the graph changes and served again without
 * an execution: a front-end, the dashboard and the network page ask the same few documents with the
 * same variables again and again, and between two changes their answers cannot differ.
 *
 * <p>An answer is a function of what it is kept under, and of nothing else:
 *
 * <ul>
 *   <li>the graph's version ({@link GraphVersion}: the commits Neo4j has counted, whoever wrote), so
 *       that any commit, a mutation, an import, the audit trail or a Bolt client's, leaves every kept
 *       answer unread; a writer reads its own write at once, since the version moves before its
 *       commit returns;
 *   <li>the caller: name, roles and jurisdictions ({@link Caller}), so that no answer reaches a caller
 *       other than the one it was computed for;
 *   <li>today's date ({@link Today}), which every question without a date is asked about;
 *   <li>the document, the operation's name, the variables and the extensions, as sent.
 * </ul>
 *
 * An answer that read nothing of the graph (its document asks no field of the schema's root types,
 * only {@code __typename} and introspection) is kept under no version, and outlives every commit: a
 * health check's {@code { __typename }} and GraphiQL's schema after an edit are served whole, as
 * before it. Any other answer is kept only when the version and the date were the same before and
 * after it was computed. No answer is kept that has an error, or that answered anything of the
 * kinds below ({@link #notKept}):
 *
 * <ul>
 *   <li>any root field but a query of the graph: mutations and subscriptions, and the queries in
 *       {@link #NOT_KEPT} (the console's, which the audit trail records each time they run; the audit
 *       trail itself; import jobs, backups and settings, which live outside the graph);
 *   <li>a personal value (phone, identity number, birth date, address), opened or masked: personal
 *       values are kept sealed only ({@code queries.Answers}) and opened per caller at the field.
 * </ul>
 *
 * A request answered from here still passes Tomcat, the request guard, authentication and Spring
 * Security's checks; the parsing, the limits and the execution it skips gave this same answer before.
 * A plain {@code POST} is answered at the end of the filters, before the dispatcher servlet, with the
 * JSON the HTTP layer wrote ({@link #keptJson}, {@link KeptAnswerFilter}); any other request here.
 * It is counted in the request timer ({@link GraphQlMetrics}), without field timings, and in {@code
 * party_graph_responses_total{outcome}}. Only over HTTP (requests whose thread waits for the answer);
 * only with an embedded database, whose commits this service sees. Memory is bounded by {@code
 * party-graph.responses.max-values} values (map entries and list elements), least recently used out
 * first; an answer larger than a tenth of that is not kept.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class KeptResponses implements WebGraphQlInterceptor, MeterBinder {

    /**
     * Root query fields whose answers are never kept: the console's (recorded by the audit trail each
     * time they run) and the audit trail's, and those of state kept outside the graph.
     */
    public static final Set<String> NOT_KEPT = Set.of(
            "cypher",
            "runNamedQuery",
            "namedQueries",
            "auditEvents",
            "verifyAuditTrail",
            "importJob",
            "importJobs",
            "backups",
            "serviceSettings");

    private static final String CONTEXT_KEY = KeptResponses.class.getName();

    /**
     * What an answer that read nothing of the graph is kept under instead of a version: above every
     * version, so that no purge of earlier versions drops it.
     */
    private static final long NO_VERSION = Long.MAX_VALUE;

    /** What an answer is kept under. */
    private record Key(
            long version,
            LocalDate today,
            Caller caller,
            String document,
            String operationName,
            Map<String, Object> variables,
            Map<String, Object> extensions) {

        /** The same request, of any version. */
        Key versionless() {
            return new Key(NO_VERSION, today, caller, document, operationName, variables, extensions);
        }
    }

    /**
     * A kept answer, with the name of its operation for the request timer, and once it has been served
     * before the dispatcher ({@link #keptJson}) its JSON as the HTTP layer writes it.
     */
    private static final class Kept {
        final ExecutionResult result;
        final String operation;
        final int weight;
        volatile byte[] json;

        Kept(ExecutionResult result, String operation, int weight) {
            this.result = result;
            this.operation = operation;
            this.weight = weight;
        }
    }

    /** A request's mark in its GraphQL context: what it answered, as far as keeping goes. */
    private static final class Mark {
        volatile boolean spoiled;
        /** A root field of the schema was asked, so the answer may have read the graph. */
        volatile boolean readGraph;

        volatile String operation;
    }

    private final JsonMapper json;
    private final GraphVersion version;
    private final Today today;
    private final GraphQlMetrics.Requests requests;
    private final boolean enabled;
    private final long maxValues;
    private final Cache<Key, Kept> cache;
    private final AtomicLong purgedBelow = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong notKept = new AtomicLong();
    private final AtomicLong early = new AtomicLong();
    private final Map<String, AtomicLong> outcomes = Map.of("hit", hits, "kept", kept, "not_kept", notKept);

    public KeptResponses(
            GraphVersion version,
            Today today,
            GraphQlMetrics.Requests requests,
            @Value("${party-graph.responses.enabled:${party-graph.answers.enabled:true}}") boolean enabled,
            @Value("${party-graph.responses.max-values:200000}") long maxValues,
            JsonMapper json) {
        this.json = json;
        this.version = version;
        this.today = today;
        this.requests = requests;
        this.enabled = enabled && version.current() != GraphVersion.UNKNOWN;
        this.maxValues = maxValues;
        this.cache = Caffeine.newBuilder()
                .executor(Runnable::run) // its upkeep on the request's thread, not handed to another
                .maximumWeight(maxValues)
                .weigher((Key k, Kept v) -> v.weight)
                .build();
    }

    /**
     * Marks the request of this field as one whose answer must not be kept: called by the access
     * layer for every root field ({@link #rootField}) and every personal value.
     */
    public static void notKept(DataFetchingEnvironment env) {
        if (env.getGraphQlContext().get(CONTEXT_KEY) instanceof Mark mark) {
            mark.spoiled = true;
        }
    }

    /** A root field of a request: anything but a query of the graph marks it not to be kept. */
    public static void rootField(DataFetchingEnvironment env, String type, String field) {
        if (!(env.getGraphQlContext().get(CONTEXT_KEY) instanceof Mark mark)) {
            return;
        }
        mark.readGraph = true;
        if (!type.equals("Query") || NOT_KEPT.contains(field)) {
            mark.spoiled = true;
        }
        if (mark.operation == null && env.getOperationDefinition() != null) {
            mark.operation = env.getOperationDefinition().getName();
        }
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!enabled || !Boolean.TRUE.equals(request.getAttributes().get(AnswerDeadline.AWAITED))) {
            return chain.next(request); // a WebSocket or server-sent events: not run on this thread
        }
        var key =
                key(request.getDocument(), request.getOperationName(), request.getVariables(), request.getExtensions());
        Kept answer = hit(key);
        if (answer != null) {
            return Mono.just(new WebGraphQlResponse(
                    new DefaultExecutionGraphQlResponse(request.toExecutionInput(), answer.result)));
        }
        var mark = new Mark();
        request.configureExecutionInput(
                (input, builder) -> builder.graphQLContext(context -> context.put(CONTEXT_KEY, mark))
                        .build());
        return chain.next(request).doOnNext(response -> keep(key, mark, response, request.getOperationName()));
    }

    /** Whether answers are kept at all: not with a Neo4j server, whose commits this service does not see. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The JSON of the answer kept for this request of the current caller, as the HTTP layer writes it
     * ({@code {"data": …}}), or null when none is kept: what {@link KeptAnswerFilter} serves before
     * the dispatcher servlet. The request is looked up under the same key as by {@link #intercept},
     * and counted and timed as a hit there is.
     */
    public byte[] keptJson(
            String document, String operationName, Map<String, Object> variables, Map<String, Object> extensions) {
        Kept answer = enabled ? hit(key(document, operationName, variables, extensions)) : null;
        if (answer == null) {
            return null;
        }
        byte[] bytes = answer.json;
        if (bytes == null) {
            // written as the HTTP layer writes the answer: the same mapper, the same map
            bytes = json.writeValueAsBytes(answer.result.toSpecification());
            answer.json = bytes;
        }
        early.incrementAndGet();
        return bytes;
    }

    /**
     * What a request of the current caller is kept under, now: absent variables and extensions are
     * empty, as Spring for GraphQL reads them.
     */
    private Key key(
            String document, String operationName, Map<String, Object> variables, Map<String, Object> extensions) {
        return new Key(
                version.current(),
                today.date(),
                Caller.of(SecurityContextHolder.getContext().getAuthentication()),
                document,
                operationName,
                variables == null ? Map.of() : variables,
                extensions == null ? Map.of() : extensions);
    }

    /** The answer kept under this key, counted and timed as a request served whole; else null. */
    private Kept hit(Key key) {
        Kept answer = cache.getIfPresent(key);
        if (answer == null) {
            answer = cache.getIfPresent(key.versionless());
        }
        if (answer != null) {
            var sample = requests.start();
            hits.incrementAndGet();
            requests.stop(sample, answer.operation, "OK");
        }
        return answer;
    }

    private void keep(Key key, Mark mark, WebGraphQlResponse response, String operationName) {
        if (mark.spoiled) {
            notKept.incrementAndGet();
            return;
        }
        ExecutionResult result = response.getExecutionResult();
        if (!response.isValid()
                || !result.getErrors().isEmpty()
                || result.getData() == null
                || (result.getExtensions() != null && !result.getExtensions().isEmpty())
                || !response.getResponseHeaders().isEmpty()) {
            return;
        }
        // Computed across a commit or midnight: it may mix two graphs or two days. An answer that read
        // nothing of the graph is the same at every version.
        boolean versionless = !mark.readGraph;
        if ((!versionless && version.current() != key.version())
                || !today.date().equals(key.today())) {
            return;
        }
        long weight = Answers.weight(result.getData());
        if (weight > maxValues / 10) {
            return;
        }
        purgeOlderThan(key.version());
        // the operation's name as the request timer has it: from the request, else from the document
        String operation = operationName != null ? operationName : mark.operation;
        cache.put(versionless ? key.versionless() : key, new Kept(result, operation, (int) weight));
        kept.incrementAndGet();
    }

    /** Drops the answers of earlier versions (not those kept under none): no one reads them again. */
    private void purgeOlderThan(long v) {
        long below = purgedBelow.get();
        if (v > below && purgedBelow.compareAndSet(below, v)) {
            cache.asMap().keySet().removeIf(k -> k.version() < v);
        }
    }

    /**
     * Answers served whole ({@code hit}), computed and kept, computed and not to be kept; and of the
     * answers served whole, those served before the dispatcher servlet ({@code early}, not published).
     */
    public Map<String, Long> counts() {
        var counts = new java.util.HashMap<String, Long>();
        outcomes.forEach((outcome, count) -> counts.put(outcome, count.get()));
        counts.put("early", early.get());
        return counts;
    }

    /**
     * Publishes {@link #counts} as {@code party.graph.responses{outcome}} ({@code
     * party_graph_responses_total} in Prometheus).
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (var outcome : outcomes.entrySet()) {
            FunctionCounter.builder("party.graph.responses", outcome.getValue(), AtomicLong::get)
                    .description("GraphQL answers served whole from those kept, computed and kept, computed only")
                    .tag("outcome", outcome.getKey())
                    .register(registry);
        }
    }
}

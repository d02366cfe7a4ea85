package org.dangjian.graph.console;

import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.database.ReadDeadline;
import org.dangjian.graph.queries.NamedQuery;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.ResultSummary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Runs analysts' read-only Cypher: checked first by {@link CypherGuard}, then run in a read-only
 * transaction with a time limit that the database enforces (the transaction is terminated and its
 * memory freed), rows streamed into the row limit and never read past it.
 */
@Service
public class CypherConsole {

    /** The answer: columns, rendered rows, the result as a graph, and a summary. */
    public record Result(List<String> columns, List<List<Object>> rows, Map<String, Object> graph, Summary summary) {}

    /** What ran and how. */
    public record Summary(
            double timeMs,
            int rowsReturned,
            boolean truncated,
            String queryType,
            List<Map<String, Object>> notifications,
            Object plan) {}

    /** How long past its limit a statement is waited for before its caller is answered regardless. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final Driver driver;
    private final org.neo4j.driver.BookmarkManager bookmarks;
    private final Duration timeout;
    private final int defaultLimit;
    private final int maxLimit;
    private final int concurrency;
    private final ThreadPoolExecutor workers;

    CypherConsole(
            Driver driver,
            org.neo4j.driver.BookmarkManager bookmarks,
            @Value("${party-graph.console.timeout:5s}") Duration timeout,
            @Value("${party-graph.console.default-limit:100}") int defaultLimit,
            @Value("${party-graph.console.max-limit:5000}") int maxLimit,
            @Value("${party-graph.console.concurrency:2}") int concurrency) {
        this.driver = driver;
        this.bookmarks = bookmarks;
        this.timeout = timeout;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
        this.concurrency = concurrency;
        // Statements run on a few threads of their own, so that a caller can be answered at the limit
        // even when the database does not notice it (an expression that never yields, such as a reduce
        // over a long range), and so that runaway statements can occupy at most this many threads.
        var names = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(
                concurrency,
                concurrency,
                1,
                TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(concurrency * 4),
                r -> {
                    var thread = new Thread(r, "cypher-console-" + names.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    public Result run(String statement, Map<String, Object> parameters, Integer limit, Visibility visibility) {
        if (statement == null || statement.isBlank()) {
            throw ApiException.validation("query must not be empty");
        }
        int rowLimit = limit == null ? defaultLimit : limit;
        if (rowLimit < 1 || rowLimit > maxLimit) {
            throw ApiException.validation("limit must be between 1 and " + maxLimit);
        }
        var params = normalise(parameters == null ? Map.of() : parameters);
        boolean explainOnly = statement.strip().toUpperCase(Locale.ROOT).startsWith("EXPLAIN");
        var sessionConfig = SessionConfig.builder()
                .withDefaultAccessMode(AccessMode.READ)
                .withBookmarkManager(bookmarks) // after the service's last commit, like every read
                .withFetchSize(Math.min(rowLimit + 1, 1000))
                .build();
        long started = System.nanoTime();
        CypherGuard.checkStatement(statement, params, visibility);
        String marker = UUID.randomUUID().toString();
        // within a GraphQL request, no longer than the time it has left (database.ReadDeadline)
        Duration left = ReadDeadline.left();
        boolean requestFirst = left != null && left.compareTo(timeout) < 0;
        Duration timeLimit = requestFirst ? left : timeout;
        var txConfig = TransactionConfig.builder()
                .withTimeout(timeLimit)
                .withMetadata(Map.of("app", "party-graph console", "run", marker))
                .build();
        Future<Result> future;
        try {
            future = workers.submit(() ->
                    execute(statement, params, rowLimit, visibility, explainOnly, txConfig, sessionConfig, started));
        } catch (RejectedExecutionException e) {
            throw new ApiException(
                    ApiException.Code.LIMIT,
                    "The console is busy with " + concurrency + " statements and a queue of them; try again shortly"
                            + " (party-graph.console.concurrency)");
        }
        try {
            return future.get(timeLimit.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            terminate(marker);
            throw new ApiException(
                    ApiException.Code.TIMEOUT,
                    "The query ran past its time limit of " + timeLimit
                            + (requestFirst
                                    ? " (what its request had left, party-graph.graphql.request-timeout)"
                                    : " (party-graph.console.timeout)")
                            + " and was stopped");
        } catch (InterruptedException e) {
            future.cancel(true);
            terminate(marker);
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Code.TIMEOUT, "The query was interrupted and stopped");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Asks the database to terminate the console's transaction carrying this marker, if it still runs. */
    private void terminate(String marker) {
        try (var session = driver.session()) {
            var ids = session.run(
                            "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.run = $run"
                                    + " RETURN collect(transactionId) AS ids",
                            Map.of("run", marker))
                    .single()
                    .get("ids")
                    .asList(org.neo4j.driver.Value::asString);
            if (!ids.isEmpty()) {
                session.run("TERMINATE TRANSACTIONS $ids", Map.of("ids", ids)).consume();
            }
        } catch (RuntimeException e) {
            // it ended meanwhile, or the database is going away: nothing left to stop
        }
    }

    private Result execute(
            String statement,
            Map<String, Object> params,
            int rowLimit,
            Visibility visibility,
            boolean explainOnly,
            TransactionConfig config,
            SessionConfig sessionConfig,
            long started) {
        try (var session = driver.session(sessionConfig)) {
            ResultSummary explained;
            try (var tx = session.beginTransaction(config)) {
                explained = tx.run(explainOnly ? statement : "EXPLAIN " + statement, params)
                        .consume();
            }
            CypherGuard.checkPlanned(explained);
            if (explainOnly) {
                return new Result(
                        List.of(),
                        List.of(),
                        Map.of("nodes", List.of(), "edges", List.of(), "truncated", false),
                        summary(explained, started, 0, false));
            }
            try (var tx = session.beginTransaction(config)) {
                var result = tx.run(statement, params);
                var columns = result.keys();
                var renderer = new ValueRenderer(visibility);
                var rows = new ArrayList<List<Object>>();
                boolean truncated = false;
                while (result.hasNext()) {
                    if (rows.size() == rowLimit) {
                        truncated = true;
                        break;
                    }
                    var record = result.next();
                    var row = new ArrayList<Object>(columns.size());
                    record.values().forEach(v -> row.add(renderer.render(v)));
                    rows.add(row);
                }
                // Rolling back stops the query where it is: no row past the limit is produced.
                tx.rollback();
                var summary = new Summary(
                        elapsed(started), rows.size(), truncated, "READ_ONLY", notifications(explained), null);
                return new Result(columns, rows, renderer.graph(), summary);
            }
        } catch (ApiException e) {
            throw e;
        } catch (Neo4jException e) {
            throw translate(e);
        }
    }

    /** Runs a file of the named-query library with its declared parameter types applied. */
    public Result run(NamedQuery query, Map<String, Object> parameters, Integer limit, Visibility visibility) {
        var params = new HashMap<String, Object>(parameters == null ? Map.of() : parameters);
        for (var p : query.parameters()) {
            Object value = params.get(p.name());
            if (value == null && p.required()) {
                throw ApiException.validation(
                        "parameter " + p.name() + " (" + p.type() + ") is required; e.g. " + p.example());
            }
            if (value instanceof String s && p.type().equals("Date")) {
                try {
                    params.put(p.name(), LocalDate.parse(s));
                } catch (RuntimeException e) {
                    throw ApiException.validation("parameter " + p.name() + " must be a date like 2020-03-01");
                }
            }
            params.putIfAbsent(p.name(), null);
        }
        return run(query.cypher(), params, limit, visibility);
    }

    private static ApiException translate(Neo4jException e) {
        String code = e.code() == null ? "" : e.code();
        if (code.contains("MemoryLimitExceeded") || code.contains("OutOfMemory")) {
            return new ApiException(
                    ApiException.Code.LIMIT,
                    "The query needed more memory than one transaction may use (party-graph.neo4j.embedded"
                            + ".transaction-memory-max) and was stopped");
        }
        if (code.contains("TransactionTimedOut")
                || code.contains("Terminated")
                || code.contains("TransactionTerminated")) {
            return new ApiException(ApiException.Code.TIMEOUT, "The query ran past its time limit and was stopped");
        }
        if (code.contains("Forbidden") || code.contains("WriteOnReadOnlyAccessDbException")) {
            return CypherGuard.refused("the database refused a write in this read-only transaction");
        }
        if (e instanceof ClientException || code.startsWith("Neo.ClientError")) {
            return ApiException.validation("Cypher error: " + e.getMessage());
        }
        return new ApiException(ApiException.Code.VALIDATION, "The query failed: " + e.getMessage());
    }

    private Summary summary(ResultSummary s, long started, int rows, boolean truncated) {
        return new Summary(
                elapsed(started),
                rows,
                truncated,
                String.valueOf(s.queryType()),
                notifications(s),
                s.hasPlan() ? plan(s.plan()) : null);
    }

    private static List<Map<String, Object>> notifications(ResultSummary s) {
        var list = new ArrayList<Map<String, Object>>();
        s.notifications().forEach(n -> {
            var map = new LinkedHashMap<String, Object>();
            map.put("code", n.code());
            map.put("title", n.title());
            map.put("description", n.description());
            map.put("severity", n.severityLevel().map(Object::toString).orElse(null));
            list.add(map);
        });
        return list;
    }

    private static Map<String, Object> plan(Plan plan) {
        var map = new LinkedHashMap<String, Object>();
        map.put("operatorType", plan.operatorType());
        var args = new LinkedHashMap<String, Object>();
        plan.arguments()
                .forEach((k, v) -> args.put(k, v.asObject() instanceof String s ? s : String.valueOf(v.asObject())));
        map.put("arguments", args);
        map.put("identifiers", plan.identifiers());
        map.put("children", plan.children().stream().map(CypherConsole::plan).toList());
        return map;
    }

    private static double elapsed(long started) {
        return Math.round((System.nanoTime() - started) / 10_000.0) / 100.0;
    }

    /** JSON numbers may come as BigInteger or BigDecimal, which the driver does not take. */
    static Map<String, Object> normalise(Map<String, Object> parameters) {
        var out = new HashMap<String, Object>();
        parameters.forEach((k, v) -> out.put(k, normaliseValue(v)));
        return out;
    }

    private static Object normaliseValue(Object value) {
        if (value instanceof BigInteger i) {
            return i.longValueExact();
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CypherConsole::normaliseValue).toList();
        }
        if (value instanceof Map<?, ?> map) {
            var out = new HashMap<String, Object>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normaliseValue(v)));
            return out;
        }
        return value;
    }
}

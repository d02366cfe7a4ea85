package org.dangjian.graph.queries;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.database.GraphVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The answers of the named queries, kept until the graph changes. A named query is a function of its
 * parameters and the graph, so its rows are kept under (graph version, statement, parameters) and
 * served again while no write has committed ({@link GraphVersion}); the first request after a change
 * runs the statement again, and a request asking the same while it runs waits for that one answer
 * instead of running it a second time.
 *
 * <p>The costly answers (whole-graph coverage, statistics, warning signs at province scale take
 * seconds) are also taken again in the background once writes have settled, so that the next reader
 * finds them ready: every second the version is looked at, and when it has not moved for {@code
 * party-graph.answers.refresh-quiet}, the most recently read answers that cost more than {@code
 * party-graph.answers.refresh-min-cost} are recomputed, at most {@code refresh-max} of them.
 *
 * <p>Nothing is kept when the version is unknown (a Neo4j server, where others may write unseen), nor
 * inside a write transaction (which may still roll back what the answer saw). The kept rows are made
 * unmodifiable: they are shared by every reader. Memory is bounded by the number of values kept
 * ({@code party-graph.answers.max-values}), least recently used first out.
 */
@Component
public class Answers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Answers.class);

    private record Key(long version, String cypher, Map<String, Object> parameters) {}

    /** An answer worth taking again after a change: its statement, parameters, cost, last read. */
    private record Costly(String cypher, Map<String, Object> parameters, long nanos, long readAt) {}

    private final Graph graph;
    private final GraphVersion version;
    private final boolean enabled;
    private final Duration quiet;
    private final Duration minCost;
    private final int refreshMax;
    private final AsyncCache<Key, List<Map<String, Object>>> cache;
    private final Map<List<Object>, Costly> costly = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong refreshed = new AtomicLong();
    private ScheduledExecutorService refresher;
    private long seenVersion = GraphVersion.UNKNOWN;
    private long seenAt;
    private long refreshedVersion = GraphVersion.UNKNOWN;

    public Answers(
            Graph graph,
            GraphVersion version,
            @Value("${party-graph.answers.enabled:true}") boolean enabled,
            @Value("${party-graph.answers.max-values:500000}") long maxValues,
            @Value("${party-graph.answers.refresh-quiet:2s}") Duration quiet,
            @Value("${party-graph.answers.refresh-min-cost:200ms}") Duration minCost,
            @Value("${party-graph.answers.refresh-max:8}") int refreshMax) {
        this.graph = graph;
        this.version = version;
        this.enabled = enabled;
        this.quiet = quiet;
        this.minCost = minCost;
        this.refreshMax = refreshMax;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxValues)
                .weigher((Key k, List<Map<String, Object>> rows) -> (int) Math.min(Integer.MAX_VALUE, weight(rows)))
                .buildAsync();
    }

    /** The rows of a statement with these parameters, from the kept answers when the graph is unchanged. */
    public List<Map<String, Object>> rows(String cypher, Map<String, ?> parameters) {
        long v = version.current();
        if (!enabled || v == GraphVersion.UNKNOWN || inWriteTransaction()) {
            return graph.rows(cypher, parameters);
        }
        var params = new HashMap<String, Object>(parameters);
        return answer(new Key(v, cypher, params), () -> graph.rows(cypher, params), true);
    }

    private List<Map<String, Object>> answer(Key key, Supplier<List<Map<String, Object>>> run, boolean read) {
        var mine = new CompletableFuture<List<Map<String, Object>>>();
        var existing = cache.asMap().putIfAbsent(key, mine);
        if (existing != null) {
            if (read) {
                hits.incrementAndGet();
                graph.countKept();
                touch(key);
            }
            try {
                return existing.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (read) {
            misses.incrementAndGet();
        }
        long started = System.nanoTime();
        try {
            var rows = freezeRows(run.get());
            long nanos = System.nanoTime() - started;
            mine.complete(rows);
            if (nanos >= minCost.toNanos()) {
                costly.put(
                        List.of(key.cypher(), key.parameters()),
                        new Costly(key.cypher(), key.parameters(), nanos, read ? System.nanoTime() : readAt(key)));
            }
            return rows;
        } catch (RuntimeException | Error e) {
            cache.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private void touch(Key key) {
        costly.computeIfPresent(
                List.of(key.cypher(), key.parameters()),
                (k, c) -> new Costly(c.cypher(), c.parameters(), c.nanos(), System.nanoTime()));
    }

    private long readAt(Key key) {
        var c = costly.get(List.of(key.cypher(), key.parameters()));
        return c == null ? System.nanoTime() : c.readAt();
    }

    private static boolean inWriteTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    /** Once the version has stood still for the quiet time, takes the costly answers again. */
    void refreshIfSettled() {
        long v = version.current();
        long now = System.nanoTime();
        if (v != seenVersion) {
            seenVersion = v;
            seenAt = now;
            return;
        }
        if (v == refreshedVersion || now - seenAt < quiet.toNanos() || v == GraphVersion.UNKNOWN) {
            return;
        }
        refreshedVersion = v;
        var chosen = costly.values().stream()
                .sorted((a, b) -> Long.compare(b.readAt(), a.readAt()))
                .limit(refreshMax)
                .toList();
        for (var c : chosen) {
            if (version.current() != v) {
                return; // written again meanwhile: wait until it settles
            }
            var key = new Key(v, c.cypher(), c.parameters());
            if (cache.getIfPresent(key) == null) {
                long started = System.nanoTime();
                answer(key, () -> graph.rows(c.cypher(), c.parameters()), false);
                refreshed.incrementAndGet();
                log.debug("Refreshed an answer in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /** Answers served from memory, answers computed, answers taken again in the background. */
    public Map<String, Long> counts() {
        return Map.of("hits", hits.get(), "misses", misses.get(), "refreshed", refreshed.get());
    }

    // ---- keeping rows safe to share --------------------------------------------------------------

    private static List<Map<String, Object>> freezeRows(List<Map<String, Object>> rows) {
        var frozen = new ArrayList<Map<String, Object>>(rows.size());
        for (var row : rows) {
            frozen.add(freezeMap(row));
        }
        return Collections.unmodifiableList(frozen);
    }

    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        var copy = new LinkedHashMap<String, Object>(map.size() * 2);
        map.forEach((k, v) -> copy.put((String) k, freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> m) {
            return freezeMap(m);
        }
        if (value instanceof List<?> l) {
            var copy = new ArrayList<Object>(l.size());
            for (var v : l) {
                copy.add(freeze(v));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** Values held: each row, map entry and list element counts one. */
    static long weight(Object value) {
        if (value instanceof Map<?, ?> m) {
            long w = 1;
            for (var v : m.values()) {
                w += weight(v);
            }
            return w;
        }
        if (value instanceof List<?> l) {
            long w = 1;
            for (var v : l) {
                w += weight(v);
            }
            return w;
        }
        return 1;
    }

    // ---- the background refresher ----------------------------------------------------------------

    @Override
    public void start() {
        if (!enabled || version.current() == GraphVersion.UNKNOWN) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "answers-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(
                () -> {
                    try {
                        refreshIfSettled();
                    } catch (RuntimeException e) {
                        log.debug("Refreshing answers: {}", e.toString());
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }

    @Override
    public int getPhase() {
        // stopped before the driver and the database close
        return Integer.MAX_VALUE - 100;
    }
}

package org.dangjian.graph.queries;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
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
 * The answers of the named queries and of the API's reads (lookups, lists, search, tie fields, a
 * network's roots), kept until the graph changes. A read statement is a function of its parameters and
 * the graph, so its rows are kept under (graph version, statement, parameters) and
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
 * <p>An answer about a few nodes only (a lookup by id, the ties of some nodes: {@link #rowsAbout}) also
 * outlives the commits that did not touch it: it depends on the nodes it was asked about, the nodes
 * and ids it holds, and the ties of those, so a commit that touched none of them (another
 * organization's name, a tie elsewhere, the audit trail, a node without an id) leaves it as it was,
 * and it is carried over to the new version unread. So does an answer about the nodes of some labels
 * only, their properties and not their ties (a list, a search: {@link #rowsOf}), over the commits
 * that touched no node of those labels; and an answer about which nodes the ties of some types join
 * (a scope's members: {@link #rowsAcross}), over the commits that touched no tie of those types and
 * no id of the nodes it holds. What each commit touched is told by {@link
 * GraphVersion#changesAfter}; when that is not known (too many commits since, a commit that touched
 * too much, a label given to or taken from an existing node, whose ties then change type of end), the
 * answer is read again.
 *
 * <p>Nothing is kept when the version is unknown (a Neo4j server, where others may write unseen), nor
 * inside a write transaction (which may still roll back what the answer saw). The kept rows are made
 * unmodifiable: they are shared by every reader. Memory is bounded by the number of values kept
 * ({@code party-graph.answers.max-values}), least recently used first out.
 */
@Component
public class Answers implements SmartLifecycle, io.micrometer.core.instrument.binder.MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(Answers.class);

    /** What is asked: a statement's rows, or a value a service derives, with everything it depends on but the graph. */
    private record Question(boolean derived, String what, Map<String, Object> parameters) {}

    /** A question as of one version of the graph. */
    private record Key(long version, Question question) {}

    /** An answer, with how many statements it took: a reader served it asked for as many. */
    private record Kept(Object value, long statements) {}

    /**
     * An answer about some nodes, as of a version: the ids it depends on (those asked about and every
     * text it holds, which names the nodes and ties it shows and the nodes its ties refer to), or the
     * labels whose nodes it reads.
     */
    private record Local(long version, Kept kept, Set<String> ids, Set<String> labels, Set<String> tieTypes) {}

    /**
     * What an answer about some nodes depends on: ids asked about (and what it holds), labels, or ids
     * with the ties of some types wherever they are ({@code tieTypes}, empty for the other two).
     */
    private record About(Collection<String> ids, Set<String> labels, Set<String> tieTypes) {}

    /** An answer worth taking again after a change: how to take it, and when it was last read. */
    private record Costly(Supplier<Object> run, long readAt) {}

    /**
     * An answer a request read lately: how to take it again from its question's parameters, what it
     * depends on (null: everything), when a request last read it, what it cost when last computed
     * ({@code Long.MAX_VALUE} until then), and whether the refresher read it again since a request last
     * read it ({@code unread}: then it is not read again after the next commit, until a request reads it).
     */
    private static final class Hot {
        final Function<Map<String, Object>, Object> compute;
        final About about;
        volatile long readAt;
        volatile long cost = Long.MAX_VALUE;
        volatile boolean unread;

        Hot(Function<Map<String, Object>, Object> compute, About about, long readAt) {
            this.compute = compute;
            this.about = about;
            this.readAt = readAt;
        }
    }

    private final Graph graph;
    private final GraphVersion version;
    private final boolean enabled;
    private final Duration quiet;
    private final Duration minCost;
    private final int refreshMax;
    private final int hotMax;
    private final Duration hotWithin;
    private final AsyncCache<Key, Kept> cache;
    private final Map<Question, Hot> hot = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean hotPending =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean hotRunning =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final Runnable onCommit = this::commitSeen;
    private volatile java.util.concurrent.ExecutorService hotRefresher;
    private final Map<Question, Costly> costly = new ConcurrentHashMap<>();
    private final Cache<Question, Local> locals;
    private final AtomicLong carried = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong refreshed = new AtomicLong();
    private final AtomicLong renewed = new AtomicLong();
    private final AtomicLong purgedBelow = new AtomicLong();
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
            @Value("${party-graph.answers.refresh-max:8}") int refreshMax,
            @Value("${party-graph.answers.refresh-hot:32}") int hotMax,
            @Value("${party-graph.answers.refresh-hot-within:30s}") Duration hotWithin) {
        this.graph = graph;
        this.hotMax = hotMax;
        this.hotWithin = hotWithin;
        this.version = version;
        this.enabled = enabled;
        this.quiet = quiet;
        this.minCost = minCost;
        this.refreshMax = refreshMax;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxValues)
                .weigher((Key k, Kept kept) ->
                        (int) Math.min(Integer.MAX_VALUE, k.question().derived() ? VALUE_WEIGHT : weight(kept.value())))
                .buildAsync();
        this.locals = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, maxValues / 2))
                .weigher((Question q, Local l) -> (int) Math.min(
                        Integer.MAX_VALUE, weight(l.kept().value()) + l.ids().size()))
                .build();
    }

    /** The rows of a statement with these parameters, from the kept answers when the graph is unchanged. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> rows(String cypher, Map<String, ?> parameters) {
        return (List<Map<String, Object>>)
                keep(false, cypher, parameters, null, params -> freezeRows(graph.rows(cypher, params)));
    }

    /**
     * The rows of a statement that reads only the nodes with these ids, their ties and what those
     * ties' ends and references are: kept like {@link #rows}, and carried over the commits that
     * touched none of the ids, of the ids its rows hold, or a tie of any of them. The statement must
     * read nothing else (no label scan, no count over the graph, no path beyond one tie).
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> rowsAbout(String cypher, Map<String, ?> parameters, Collection<String> ids) {
        return keepRows(cypher, parameters, new About(ids, Set.of(), Set.of()));
    }

    /**
     * The rows of a statement that reads only which nodes the ties of these types join (those ties
     * and their properties, the nodes' labels and ids, starting from the nodes with these ids), nothing
     * else of the nodes: kept like {@link #rows}, and carried over the commits that touched no tie of
     * these types, gave or took no label, and neither created, deleted nor changed the id of a node
     * among the ids or those its rows hold. A scope's members are such an answer: a department's edits
     * of names, phones or posts, of its members as of any other node, leave it as it was.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> rowsAcross(
            String cypher, Map<String, ?> parameters, Collection<String> ids, Set<String> tieTypes) {
        if (tieTypes.isEmpty()) {
            throw new IllegalArgumentException("rowsAcross needs the types of the ties the statement follows");
        }
        return keepRows(cypher, parameters, new About(ids, Set.of(), Set.copyOf(tieTypes)));
    }

    /** The rows of a statement kept as an answer about some nodes ({@link About}). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> keepRows(String cypher, Map<String, ?> parameters, About about) {
        return (List<Map<String, Object>>)
                keep(false, cypher, parameters, about, params -> freezeRows(graph.rows(cypher, params)));
    }

    /**
     * The rows of a statement that reads only the properties and labels of the nodes with these
     * labels (not their ties): kept like {@link #rows}, and carried over the commits that touched no
     * node with one of them (nor gave or took a label).
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> rowsOf(String cypher, Map<String, ?> parameters, Set<String> labels) {
        return keepRows(cypher, parameters, new About(List.of(), Set.copyOf(labels), Set.of()));
    }

    /** The first row of {@link #rowsAbout} (null if none). */
    public Map<String, Object> rowAbout(String cypher, Map<String, ?> parameters, Collection<String> ids) {
        var rows = rowsAbout(cypher, parameters, ids);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** The first row of a statement with these parameters (null if none), kept like {@link #rows}. */
    public Map<String, Object> row(String cypher, Map<String, ?> parameters) {
        var rows = rows(cypher, parameters);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /**
     * A value a service derives from several statements (a page of warning signs and its total), kept
     * like rows: {@code name} and {@code parameters} must say everything the value depends on but the
     * graph, and the value must not be changed by its readers. It weighs as {@link #VALUE_WEIGHT}
     * values.
     */
    @SuppressWarnings("unchecked")
    public <T> T value(String name, Map<String, ?> parameters, Supplier<T> compute) {
        return (T) keep(true, name, parameters, null, params -> compute.get());
    }

    /** What a derived value weighs in the bound on values kept. */
    static final int VALUE_WEIGHT = 1000;

    private Object keep(
            boolean derived,
            String what,
            Map<String, ?> parameters,
            About about,
            Function<Map<String, Object>, Object> compute) {
        var params = new HashMap<String, Object>(parameters);
        long v = version.current();
        if (!enabled || v == GraphVersion.UNKNOWN || inWriteTransaction()) {
            return compute.apply(params);
        }
        var key = new Key(v, new Question(derived, what, params));
        if (hotMax > 0 && !Graph.isBackground()) {
            readLately(key.question(), compute, about);
        }
        if (about == null) {
            return answer(key, () -> compute.apply(params), true);
        }
        var local = locals.getIfPresent(key.question());
        carryOver(key, local);
        Object value = answer(key, () -> compute.apply(params), true);
        remember(key, local, about);
        return value;
    }

    /**
     * Carries an answer about some nodes over to the key's version when no commit since it was read
     * touched what it depends on: served as read, by whoever asks it now. Whether it was.
     */
    private boolean carryOver(Key key, Local local) {
        if (local == null
                || local.version() >= key.version()
                || cache.getIfPresent(key) != null
                || !untouched(local, key.version())) {
            return false;
        }
        if (cache.asMap().putIfAbsent(key, CompletableFuture.completedFuture(local.kept())) == null) {
            carried.incrementAndGet();
        }
        return true;
    }

    /** Remembers an answer about some nodes apart from its version, with what it depends on. */
    private void remember(Key key, Local local, About about) {
        long v = key.version();
        if (local == null || local.version() < v) {
            var kept = cache.getIfPresent(key);
            if (kept != null && kept.isDone() && !kept.isCompletedExceptionally()) {
                var k = kept.join();
                var ids = local != null && local.kept() == k
                        ? local.ids()
                        : about.labels().isEmpty() ? idsOf(k.value(), about.ids()) : Set.<String>of();
                locals.asMap()
                        .merge(
                                key.question(),
                                new Local(v, k, ids, about.labels(), about.tieTypes()),
                                (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
    }

    /**
     * Notes that a request read this answer now; beyond {@code 8 × refresh-hot} noted, all but the
     * {@code 4 × refresh-hot} most recent go.
     */
    private void readLately(Question question, Function<Map<String, Object>, Object> compute, About about) {
        long now = System.nanoTime();
        var h = hot.get(question);
        if (h != null) {
            h.readAt = now;
            h.unread = false;
            return;
        }
        hot.putIfAbsent(question, new Hot(compute, about, now));
        if (hot.size() > 8 * hotMax) {
            var newest = hot.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue().readAt, a.getValue().readAt))
                    .limit(4L * hotMax)
                    .map(Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.toSet());
            hot.keySet().retainAll(newest);
        }
    }

    /**
     * Whether no commit after the answer's version, up to {@code v} at least, touched what it depends
     * on: a node with one of its ids (created, deleted, changed, or whose id changed; for an answer
     * across ties, only created, deleted or whose id changed), a tie with an end among them (for an
     * answer across ties, any tie of its types), or a node with one of its labels. Unknown commits, a
     * commit that touched too much to tell, and a label given to or taken from an existing node count
     * as touching it.
     */
    private boolean untouched(Local local, long v) {
        var changes = version.changesAfter(local.version());
        if (changes.isEmpty() || changes.get().version() < v) {
            return false;
        }
        for (var touched : changes.get().touched()) {
            if (touched.everything()) {
                return false;
            }
            for (var node : touched.nodes()) {
                // an answer across ties reads of its nodes only their ids and labels
                boolean read = local.tieTypes().isEmpty() || node.identity();
                if (node.labelsChanged()
                        || (read && node.id() != null && local.ids().contains(node.id()))) {
                    return false;
                }
                for (var label : node.labels()) {
                    if (local.labels().contains(label)) {
                        return false;
                    }
                }
            }
            for (var tie : touched.ties()) {
                if (local.tieTypes().isEmpty()
                        ? (tie.startId() != null && local.ids().contains(tie.startId()))
                                || (tie.endId() != null && local.ids().contains(tie.endId()))
                        : local.tieTypes().contains(tie.type())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The ids asked about and every text an answer holds (ids among them). */
    private static Set<String> idsOf(Object value, Collection<String> about) {
        var ids = new HashSet<String>(about);
        texts(value, ids);
        return Set.copyOf(ids);
    }

    private static void texts(Object value, Set<String> into) {
        if (value instanceof String text) {
            into.add(text);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> texts(v, into));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> texts(v, into));
        }
    }

    private Object answer(Key key, Supplier<Object> run, boolean read) {
        var mine = new CompletableFuture<Kept>();
        var existing = cache.asMap().putIfAbsent(key, mine);
        if (existing != null) {
            try {
                var kept = existing.join();
                if (read) {
                    hits.incrementAndGet();
                    graph.countKept(kept.statements());
                    costly.computeIfPresent(key.question(), (q, c) -> new Costly(c.run(), System.nanoTime()));
                }
                return kept.value();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (read) {
            misses.incrementAndGet();
        }
        purgeOlderThan(key.version());
        long started = System.nanoTime();
        long sent = graph.sentByThisThread();
        try {
            var value = run.get();
            mine.complete(new Kept(value, graph.sentByThisThread() - sent));
            var h = hot.get(key.question());
            if (h != null) {
                h.cost = System.nanoTime() - started;
            }
            if (System.nanoTime() - started >= minCost.toNanos()) {
                var before = costly.get(key.question());
                costly.put(
                        key.question(), new Costly(run, read || before == null ? System.nanoTime() : before.readAt()));
                forgetBeyond(COSTLY_REMEMBERED);
            }
            return value;
        } catch (RuntimeException | Error e) {
            cache.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Drops the answers of earlier versions at once: no one reads them again, and left to the cache's
     * admission policy they would compete with the current ones (a new heavy answer can be refused in
     * favour of an old one read as often).
     */
    private void purgeOlderThan(long v) {
        long below = purgedBelow.get();
        if (v > below && purgedBelow.compareAndSet(below, v)) {
            cache.asMap().keySet().removeIf(k -> k.version() < v);
        }
    }

    /** Costly answers remembered for the refresher; the least recently read go first. */
    static final int COSTLY_REMEMBERED = 256;

    private void forgetBeyond(int most) {
        while (costly.size() > most) {
            costly.entrySet().stream()
                    .min((a, b) ->
                            Long.compare(a.getValue().readAt(), b.getValue().readAt()))
                    .ifPresent(oldest -> costly.remove(oldest.getKey(), oldest.getValue()));
        }
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
        var chosen = costly.entrySet().stream()
                .sorted((a, b) ->
                        Long.compare(b.getValue().readAt(), a.getValue().readAt()))
                .limit(refreshMax)
                .toList();
        for (var c : chosen) {
            if (version.current() != v) {
                return; // written again meanwhile: wait until it settles
            }
            var key = new Key(v, c.getKey());
            if (cache.getIfPresent(key) == null) {
                long started = System.nanoTime();
                answer(key, c.getValue().run(), false);
                refreshed.incrementAndGet();
                log.debug("Refreshed an answer in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /** A commit: hands a pass over the answers read lately to the hot refresher, unless one waits. */
    private void commitSeen() {
        var executor = hotRefresher;
        if (executor != null && hotPending.compareAndSet(false, true)) {
            try {
                executor.execute(this::refreshHot);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                hotPending.set(false); // stopping
            }
        }
    }

    /**
     * One pass over the answers read lately, then a rest as long as the pass took, so that the passes
     * take at most half of one core however often the graph is written. A commit during the pass or
     * the rest has the next pass wait behind it.
     */
    void refreshHot() {
        hotRunning.set(true);
        hotPending.set(false);
        long started = System.nanoTime();
        try {
            Graph.inBackground(this::takeHotAgain);
        } catch (RuntimeException e) {
            log.debug("Taking answers read lately again: {}", e.toString());
        } finally {
            hotRunning.set(false);
        }
        long took = System.nanoTime() - started;
        java.util.concurrent.locks.LockSupport.parkNanos(Math.min(took, TimeUnit.SECONDS.toNanos(1)));
    }

    /**
     * Waits until no pass over the answers read lately is waiting or running (for tests, as {@code
     * KeptByDate.awaitBackground}); false if {@code most} went by first.
     */
    public boolean awaitHotPasses(Duration most) throws InterruptedException {
        long until = System.nanoTime() + most.toNanos();
        while (hotPending.get() || hotRunning.get()) {
            if (System.nanoTime() - until > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Takes again, at the current version, the {@code refresh-hot} answers requests read most
     * recently within {@code refresh-hot-within} that cost less than {@code refresh-min-cost} (the
     * costlier wait for the graph to settle): an answer about some nodes that the commits since did not
     * touch is carried over, any other read again, most recently read first. An answer read again here
     * that no request has read since is left to the request that next asks: under writes faster than
     * its readers, an answer is read again at most once per request that reads it, and the passes work
     * for what is being read, not for what was read a while ago. A pass stops at a newer commit, whose
     * own pass follows; a request asking meanwhile waits for the answer being read instead of reading it
     * too.
     */
    private void takeHotAgain() {
        long v = version.current();
        if (v == GraphVersion.UNKNOWN) {
            return;
        }
        long since = System.nanoTime() - hotWithin.toNanos();
        long cheap = minCost.toNanos();
        var chosen = hot.entrySet().stream()
                .filter(e -> e.getValue().readAt - since >= 0 && e.getValue().cost < cheap && !e.getValue().unread)
                .sorted((a, b) -> Long.compare(b.getValue().readAt, a.getValue().readAt))
                .limit(hotMax)
                .toList();
        for (var e : chosen) {
            if (version.current() != v) {
                return;
            }
            var question = e.getKey();
            var h = e.getValue();
            var key = new Key(v, question);
            if (cache.getIfPresent(key) != null) {
                continue; // read by a request meanwhile
            }
            var local = h.about == null ? null : locals.getIfPresent(question);
            if (carryOver(key, local)) {
                continue;
            }
            try {
                h.unread = true; // before the answer: a request reading it meanwhile counts
                answer(key, () -> h.compute.apply(question.parameters()), false);
                renewed.incrementAndGet();
                if (h.about != null) {
                    remember(key, local, h.about);
                }
            } catch (RuntimeException failed) {
                log.debug("Taking an answer read lately again: {}", failed.toString());
            }
        }
    }

    /**
     * Answers served from memory, answers computed, costly answers taken again once writes settled,
     * answers read lately taken again right after a commit (renewed), answers about some nodes carried
     * over commits that did not touch them.
     */
    public Map<String, Long> counts() {
        return Map.of(
                "hits",
                hits.get(),
                "misses",
                misses.get(),
                "refreshed",
                refreshed.get(),
                "carried",
                carried.get(),
                "renewed",
                renewed.get());
    }

    /**
     * Publishes {@link #counts} as {@code party.graph.answers{outcome}} ({@code
     * party_graph_answers_total} in Prometheus): {@code hit}, {@code miss}, {@code carried} (an answer
     * about some nodes carried over commits that did not touch them), {@code refreshed}.
     */
    @Override
    public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
        for (var outcome : Map.of(
                        "hit", hits, "miss", misses, "carried", carried, "refreshed", refreshed, "renewed", renewed)
                .entrySet()) {
            io.micrometer.core.instrument.FunctionCounter.builder(
                            "party.graph.answers", outcome.getValue(), AtomicLong::get)
                    .description("Answers served from those kept, computed, carried over a change, taken again")
                    .tag("outcome", outcome.getKey())
                    .register(registry);
        }
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

    /**
     * Values held by kept rows (or a kept GraphQL answer, {@code security.KeptResponses}): each row,
     * map entry and list element counts one.
     */
    public static long weight(Object value) {
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
        if (hotMax > 0) {
            hotRefresher = Executors.newSingleThreadExecutor(r -> {
                var t = new Thread(r, "answers-hot");
                t.setDaemon(true);
                return t;
            });
            version.afterEachCommit(onCommit);
        }
    }

    @Override
    public void stop() {
        version.stopCalling(onCommit);
        if (hotRefresher != null) {
            hotRefresher.shutdownNow();
            hotRefresher = null;
        }
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

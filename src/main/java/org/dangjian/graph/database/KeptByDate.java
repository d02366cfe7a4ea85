package org.dangjian.graph.database;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a ledger keeps of the whole graph per date asked ({@code asOf}), brought up to the commits the
 * {@link GraphVersion} has seen before each answer: what the commits since the kept version touched is
 * handed to the ledger, which takes again the parts they can have moved; everything is taken again the
 * first time, when the touched parts cannot be told (a commit that touched more than {@link
 * GraphVersion#MOST_TOUCHED} elements, commits older than those remembered), or when the ledger says
 * so. The coverage, warning and statistics ledgers share it.
 *
 * <p>The {@link #DATES} dates most recently asked are kept. Each date is brought up to date and read
 * under its own lock, so an answer is always as of one version at least as new as every commit
 * acknowledged before the question: a writer reads its own write.
 *
 * <p>A scope's question can be answered from what is kept too ({@link #answerIfKept}), but only when its
 * date is kept and a catch-up suffices: it never waits for everything to be read. A date such questions
 * ask a second time while it is not kept is read in the background ({@link #FILLER}: one thread for
 * every ledger, a few dates queued at most), so that the next ones find it.
 *
 * @param <S> what is kept for one date
 */
public final class KeptByDate<S> {

    /** How many dates are kept. */
    public static final int DATES = 3;

    /** How a ledger reads the whole graph, and takes again what a change touched. */
    public interface Keeping<S> {

        /** Everything, read from the graph as of now. */
        S readAll(LocalDate asOf);

        /**
         * Takes again, in {@code kept}, the parts these changes can have moved; {@code false} when
         * everything must be read again instead.
         */
        boolean takeAgain(S kept, GraphVersion.Changes changes, LocalDate asOf);

        /** Whether a date can be made from another ({@link #copyOf}, {@link #moveDate}). */
        default boolean movesDates() {
            return false;
        }

        /** A copy of what is kept on one date, to be moved to another by {@link #moveDate}. */
        default S copyOf(S kept) {
            throw new UnsupportedOperationException("this ledger does not move dates");
        }

        /**
         * Moves a copy from the date it is kept on to another: takes again, as of {@code to}, the parts
         * that can differ between the two dates; {@code false} when everything must be read instead.
         */
        default boolean moveDate(S copy, LocalDate from, LocalDate to) {
            return false;
        }
    }

    private static final class Slot<S> {
        final ReentrantLock lock = new ReentrantLock();
        long version = GraphVersion.UNKNOWN;
        S kept;
    }

    private static final Logger log = LoggerFactory.getLogger(KeptByDate.class);

    /** How many background reads may wait for the one under way. */
    static final int QUEUED = 4;

    /**
     * Reads dates in the background for every ledger of the service, one at a time (a province's read
     * takes seconds of one core), with at most {@link #QUEUED} more waiting; more are refused and asked
     * again later.
     */
    private static final ThreadPoolExecutor FILLER = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED),
            Thread.ofPlatform().daemon().name("kept-by-date").factory());

    /**
     * Waits until no date is being read in the background (for tests that count the database's
     * transactions); false if one still is after the time given.
     */
    public static boolean awaitBackground(java.time.Duration most) throws InterruptedException {
        long deadline = System.nanoTime() + most.toNanos();
        while (FILLER.getActiveCount() > 0 || !FILLER.getQueue().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** How long a scope's question waits for another's catch-up before it reads its scope itself. */
    static final long WAIT_MILLIS = 50;

    /** The dates scopes asked that were not kept, and how often: a second ask reads the date in the background. */
    private static final int ASKED_REMEMBERED = 16;

    private final GraphVersion version;
    private final Keeping<S> keeping;
    private final Map<LocalDate, Slot<S>> dates = new LinkedHashMap<>(DATES * 2, 0.75f, true);
    private final Map<LocalDate, Integer> asked = new LinkedHashMap<>(ASKED_REMEMBERED * 2, 0.75f, true);
    private final Set<LocalDate> filling = ConcurrentHashMap.newKeySet();
    private final AtomicLong fullReads = new AtomicLong();
    private final AtomicLong keptAnswers = new AtomicLong();
    private final AtomicLong backgroundReads = new AtomicLong();
    private final AtomicLong datesMoved = new AtomicLong();

    public KeptByDate(GraphVersion version, Keeping<S> keeping) {
        this.version = version;
        this.keeping = keeping;
    }

    /** Whether commits can be watched here (an embedded database). */
    public boolean watches() {
        return version.current() != GraphVersion.UNKNOWN;
    }

    /**
     * A ledger's counts: its own ({@code name}, {@code value}) with how many times everything was read
     * for a question ({@code fullReads}) and in the background ({@code backgroundReads}), and how many
     * scopes were answered from what is kept ({@code scopesAnswered}).
     */
    public Map<String, Long> counts(String name, long value) {
        return Map.of(
                name,
                value,
                "fullReads",
                fullReads(),
                "scopesAnswered",
                keptAnswers(),
                "backgroundReads",
                backgroundReads(),
                "datesMoved",
                datesMoved.get());
    }

    /** How many times everything was read for a question that waited for it. */
    public long fullReads() {
        return fullReads.get();
    }

    /** How many times everything was read in the background (not counted in {@link #fullReads}). */
    public long backgroundReads() {
        return backgroundReads.get();
    }

    /** How many times {@link #answerIfKept} answered from what is kept. */
    public long keptAnswers() {
        return keptAnswers.get();
    }

    /** An answer from what is kept on this date, brought up to the commits seen so far. */
    public <T> T answer(LocalDate asOf, Function<S, T> answer) {
        Slot<S> slot = slot(asOf);
        slot.lock.lock();
        try {
            update(slot, asOf);
            return answer.apply(slot.kept);
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * An answer from what is kept on this date when it is kept and the commits since can be caught up
     * with ({@link Keeping#takeAgain}); empty, without reading everything, otherwise, or when another
     * reader holds the date longer than {@link #WAIT_MILLIS}. The caller then reads what it needs
     * itself. A date asked this way a second time while not kept is read in the background.
     */
    public <T> Optional<T> answerIfKept(LocalDate asOf, Function<S, T> answer) {
        return ifKept(asOf, answer, true);
    }

    /**
     * As {@link #answerIfKept}, for what a scope's answer reads besides (a page's evidence): not counted
     * as a scope answered.
     */
    public <T> Optional<T> useIfKept(LocalDate asOf, Function<S, T> use) {
        return ifKept(asOf, use, false);
    }

    private <T> Optional<T> ifKept(LocalDate asOf, Function<S, T> answer, boolean scope) {
        Slot<S> slot;
        synchronized (dates) {
            slot = dates.get(asOf);
        }
        if (slot == null) {
            askedFor(asOf);
            return Optional.empty();
        }
        try {
            if (!slot.lock.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            if (slot.kept == null) {
                askedFor(asOf);
                return Optional.empty();
            }
            if (!caughtUp(slot, asOf)) {
                fillLater(asOf);
                return Optional.empty();
            }
            if (scope) {
                keptAnswers.incrementAndGet();
            }
            return Optional.of(answer.apply(slot.kept));
        } finally {
            slot.lock.unlock();
        }
    }

    /** Whether this date is kept now (a whole-graph question read it, or a background read has finished). */
    public boolean keeps(LocalDate asOf) {
        Slot<S> slot;
        synchronized (dates) {
            slot = dates.get(asOf);
        }
        if (slot == null) {
            return false;
        }
        slot.lock.lock();
        try {
            return slot.kept != null;
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * A scope's question about this date, before it reads anything: whether the date is kept, so that
     * {@link #answerIfKept} can serve it. A date not kept that is asked about a second time is read in
     * the background.
     */
    public boolean asked(LocalDate asOf) {
        boolean kept = keeps(asOf);
        if (!kept) {
            askedFor(asOf);
        }
        return kept;
    }

    private Slot<S> slot(LocalDate asOf) {
        synchronized (dates) {
            var slot = dates.computeIfAbsent(asOf, d -> new Slot<>());
            while (dates.size() > DATES) {
                dates.remove(dates.keySet().iterator().next()); // the date least recently asked
            }
            return slot;
        }
    }

    private void askedFor(LocalDate asOf) {
        int times;
        synchronized (dates) {
            times = asked.merge(asOf, 1, Integer::sum);
            while (asked.size() > ASKED_REMEMBERED) {
                asked.remove(asked.keySet().iterator().next());
            }
        }
        if (times >= 2) {
            fillLater(asOf);
        }
    }

    /**
     * Reads everything on this date in the background, outside the date's lock (answers go on from
     * what is kept meanwhile), then keeps it unless something newer is kept by then.
     */
    private void fillLater(LocalDate asOf) {
        if (!filling.add(asOf)) {
            return;
        }
        try {
            FILLER.execute(() -> Graph.inBackground(() -> {
                try {
                    var read = read(asOf, backgroundReads);
                    Slot<S> slot = slot(asOf);
                    slot.lock.lock();
                    try {
                        if (slot.kept == null || slot.version < read.version()) {
                            slot.kept = read.kept();
                            slot.version = read.version();
                        }
                    } finally {
                        slot.lock.unlock();
                    }
                    synchronized (dates) {
                        asked.remove(asOf);
                    }
                } catch (RuntimeException e) {
                    // the database closing under it, mostly: the date is asked again later
                    log.debug("Reading the whole graph on {} in the background failed: {}", asOf, e.toString());
                } finally {
                    filling.remove(asOf);
                }
            }));
        } catch (RejectedExecutionException e) {
            filling.remove(asOf); // enough waiting already: asked again later
        }
    }

    private void update(Slot<S> slot, LocalDate asOf) {
        if (slot.kept == null || !caughtUp(slot, asOf)) {
            var read = read(asOf, fullReads);
            slot.kept = read.kept();
            slot.version = read.version();
        }
    }

    /**
     * Brings what is kept on this date up to the commits seen, taking again what they touched; false
     * when that cannot be done (the touched parts cannot be told, or the ledger says so: then nothing
     * is kept on the date any more).
     */
    private boolean caughtUp(Slot<S> slot, LocalDate asOf) {
        var changes = version.changesAfter(slot.version);
        if (changes.isEmpty() || changes.get().everything()) {
            return false;
        }
        if (changes.get().touched().isEmpty()) {
            return true;
        }
        if (!keeping.takeAgain(slot.kept, changes.get(), asOf)) {
            slot.kept = null; // no longer as of any version
            return false;
        }
        slot.version = changes.get().version();
        return true;
    }

    /**
     * Everything on this date: moved from another date kept when the ledger can ({@link
     * #movedFromAnother}), else read whole (counted in {@code wholeReads}).
     */
    private Read<S> read(LocalDate asOf, AtomicLong wholeReads) {
        var moved = movedFromAnother(asOf);
        if (moved != null) {
            return moved;
        }
        long v = version.current(); // read before the statements: later commits are looked at again next time
        S kept = keeping.readAll(asOf);
        wholeReads.incrementAndGet();
        return new Read<>(kept, v);
    }

    /**
     * This date made from the nearest date kept, when the ledger can move one ({@link
     * Keeping#moveDate}): a copy of it, brought up to the commits seen, whose parts that can differ
     * between the two dates are taken again; null when no date kept can be moved. A date whose lock
     * another holds is passed over (no waiting: two dates moved from each other at once would wait for
     * each other).
     */
    private Read<S> movedFromAnother(LocalDate asOf) {
        if (!keeping.movesDates()) {
            return null;
        }
        List<Map.Entry<LocalDate, Slot<S>>> others;
        synchronized (dates) {
            others = new java.util.ArrayList<>(dates.entrySet());
        }
        others.removeIf(e -> e.getKey().equals(asOf));
        others.sort(java.util.Comparator.comparingLong(e -> Math.abs(e.getKey().toEpochDay() - asOf.toEpochDay())));
        for (var other : others) {
            Slot<S> source = other.getValue();
            if (!source.lock.tryLock()) {
                continue;
            }
            S copy;
            long v;
            try {
                if (source.kept == null || !caughtUp(source, other.getKey())) {
                    continue;
                }
                copy = keeping.copyOf(source.kept);
                v = source.version;
            } finally {
                source.lock.unlock();
            }
            // the copy is as of version v: parts read for the new date later than v are taken again,
            // if a commit since touched them, when the date is next brought up to date
            if (!keeping.moveDate(copy, other.getKey(), asOf)) {
                return null;
            }
            datesMoved.incrementAndGet();
            return new Read<>(copy, v);
        }
        return null;
    }

    /** What is kept on a date, and the version it is as of. */
    private record Read<S>(S kept, long version) {}

    /**
     * Named sets of the ids a change touched, handed to a statement that maps them to the ids of what
     * a ledger keeps (its {@code ids} column): {@code coverage-units-touched.cypher}, {@code
     * warning-organizations-touched.cypher}.
     */
    public static final class TouchedIds {

        private final Map<String, Set<String>> sets = new LinkedHashMap<>();

        public TouchedIds(String... names) {
            for (String name : names) {
                sets.put(name, new HashSet<>());
            }
        }

        /** Adds an id to a set; an end whose id is unknown (null) adds nothing. */
        public void add(String set, String id) {
            if (id != null) {
                sets.get(set).add(id);
            }
        }

        public void addAll(String set, Collection<String> ids) {
            ids.forEach(id -> add(set, id));
        }

        /**
         * The ids the statement maps the sets to (each set is the parameter of its name); none, without
         * a statement, when every set is empty.
         */
        public Set<String> mapped(Graph graph, String cypher) {
            if (sets.values().stream().allMatch(Set::isEmpty)) {
                return new HashSet<>(); // nothing a ledger keeps was touched: no statement
            }
            var params = new HashMap<String, Object>();
            sets.forEach((name, ids) -> params.put(name, List.copyOf(ids)));
            var row = graph.row(cypher, params);
            var ids = new HashSet<String>();
            if (row != null && row.get("ids") instanceof List<?> list) {
                list.stream().filter(Objects::nonNull).forEach(id -> ids.add((String) id));
            }
            return ids;
        }
    }
}

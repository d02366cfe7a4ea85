package org.dangjian.graph.database;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

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
    }

    private static final class Slot<S> {
        long version = GraphVersion.UNKNOWN;
        S kept;
    }

    private final GraphVersion version;
    private final Keeping<S> keeping;
    private final Map<LocalDate, Slot<S>> dates = new LinkedHashMap<>(DATES * 2, 0.75f, true);
    private final AtomicLong fullReads = new AtomicLong();

    public KeptByDate(GraphVersion version, Keeping<S> keeping) {
        this.version = version;
        this.keeping = keeping;
    }

    /** Whether commits can be watched here (an embedded database). */
    public boolean watches() {
        return version.current() != GraphVersion.UNKNOWN;
    }

    /** How many times everything was read. */
    public long fullReads() {
        return fullReads.get();
    }

    /** An answer from what is kept on this date, brought up to the commits seen so far. */
    public <T> T answer(LocalDate asOf, Function<S, T> answer) {
        Slot<S> slot;
        synchronized (dates) {
            slot = dates.computeIfAbsent(asOf, d -> new Slot<>());
            while (dates.size() > DATES) {
                dates.remove(dates.keySet().iterator().next()); // the date least recently asked
            }
        }
        synchronized (slot) {
            update(slot, asOf);
            return answer.apply(slot.kept);
        }
    }

    private void update(Slot<S> slot, LocalDate asOf) {
        if (slot.kept == null) {
            readAll(slot, asOf);
            return;
        }
        var changes = version.changesAfter(slot.version);
        if (changes.isEmpty() || changes.get().everything()) {
            readAll(slot, asOf);
            return;
        }
        if (changes.get().touched().isEmpty()) {
            return;
        }
        if (!keeping.takeAgain(slot.kept, changes.get(), asOf)) {
            readAll(slot, asOf);
            return;
        }
        slot.version = changes.get().version();
    }

    private void readAll(Slot<S> slot, LocalDate asOf) {
        long v = version.current(); // read before the statements: later commits are looked at again next time
        slot.kept = keeping.readAll(asOf);
        slot.version = v;
        fullReads.incrementAndGet();
    }

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

        /** The ids the statement maps the sets to (each set is the parameter of its name). */
        public Set<String> mapped(Graph graph, String cypher) {
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

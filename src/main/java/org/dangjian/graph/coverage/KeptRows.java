package org.dangjian.graph.coverage;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.database.GraphVersion;
import org.dangjian.graph.database.KeptByDate;

/**
 * The rows of one statement, one per thing of the whole graph (a community's grids, a compound's
 * coverage), kept per thing and date, and taken again after a commit only for the things it can have
 * moved: the statement's rows for the ids its {@code idsParam} names (all when null), and what a commit
 * touched mapped to those ids by a second statement (a superset is enough). {@link CoverageLedger},
 * {@link GridLedger} and {@link CompoundLedger} keep their rows here; {@link KeptByDate} brings them up to the commits seen
 * before each answer. A change whose things cannot be told, or that moved more than half of them,
 * takes every row again.
 *
 * @param <R> a row, as kept
 */
final class KeptRows<R> {

    /** Reads what a commit touched into the named sets of ids the touched statement takes. */
    interface Touched extends BiConsumer<GraphVersion.Touched, KeptByDate.TouchedIds> {}

    private final Graph graph;
    private final String rowsCypher;
    private final String idsParam;
    private final Map<String, Object> parameters;
    private final String touchedCypher;
    private final String[] touchedSets;
    private final Touched touched;
    private final Function<Map<String, Object>, R> row;
    private final Function<R, String> id;
    private final String countName;
    private final KeptByDate<Map<String, R>> dates;
    private final AtomicLong read = new AtomicLong();

    KeptRows(
            Graph graph,
            GraphVersion version,
            String rowsCypher,
            String idsParam,
            Map<String, Object> parameters,
            Function<Map<String, Object>, R> row,
            Function<R, String> id,
            String touchedCypher,
            Touched touched,
            String countName,
            String... touchedSets) {
        this.graph = graph;
        this.rowsCypher = rowsCypher;
        this.idsParam = idsParam;
        this.parameters = parameters;
        this.row = row;
        this.id = id;
        this.touchedCypher = touchedCypher;
        this.touched = touched;
        this.countName = countName;
        this.touchedSets = touchedSets;
        this.dates = new KeptByDate<>(version, new KeptByDate.Keeping<>() {
            @Override
            public Map<String, R> readAll(LocalDate asOf) {
                return read(null, asOf);
            }

            @Override
            public boolean takeAgain(Map<String, R> kept, GraphVersion.Changes changes, LocalDate asOf) {
                return KeptRows.this.takeAgain(kept, changes, asOf);
            }
        });
    }

    /** Whether this service sees every commit (an embedded database), so that the rows can be kept. */
    boolean watches() {
        return dates.watches();
    }

    /** Rows read again so far for changes (under the count's name), and how many times all of them were. */
    Map<String, Long> counts() {
        return dates.counts(countName, read.get());
    }

    /** An answer from the rows kept on this date (by id), brought up to the commits seen so far. */
    <T> T answer(LocalDate asOf, Function<Map<String, R>, T> answer) {
        return dates.answer(asOf, answer);
    }

    /**
     * An answer from the rows kept on this date when it is kept and a catch-up suffices, else empty
     * ({@link KeptByDate#answerIfKept}).
     */
    <T> Optional<T> answerIfKept(LocalDate asOf, Function<Map<String, R>, T> answer) {
        return dates.answerIfKept(asOf, answer);
    }

    /** A scope's question about this date: whether the rows on it are kept ({@link KeptByDate#asked}). */
    boolean asked(LocalDate asOf) {
        return dates.asked(asOf);
    }

    /** Whether the rows on this date are kept. */
    boolean keeps(LocalDate asOf) {
        return dates.keeps(asOf);
    }

    private boolean takeAgain(Map<String, R> kept, GraphVersion.Changes changes, LocalDate asOf) {
        var ids = new KeptByDate.TouchedIds(touchedSets);
        changes.touched().forEach(t -> touched.accept(t, ids));
        var moved = ids.mapped(graph, touchedCypher);
        if (moved.size() > kept.size() / 2) {
            return false;
        }
        if (moved.isEmpty()) {
            return true; // a change no row reads
        }
        var again = read(moved, asOf);
        read.addAndGet(again.size());
        for (String each : moved) {
            var r = again.get(each);
            if (r == null) {
                kept.remove(each); // no longer one of the things
            } else {
                kept.put(each, r);
            }
        }
        return true;
    }

    private Map<String, R> read(Set<String> ids, LocalDate asOf) {
        var params = new HashMap<String, Object>(parameters);
        params.put(idsParam, ids == null ? null : List.copyOf(ids));
        params.put("asOf", asOf);
        var out = new HashMap<String, R>();
        var seen = new HashMap<Object, Object>();
        for (var r : graph.rows(rowsCypher, params)) {
            @SuppressWarnings("unchecked")
            var kept = row.apply((Map<String, Object>) compact(r, seen));
            out.put(id.apply(kept), kept);
        }
        return out;
    }

    /**
     * A row as it is kept: immutable, each equal string, list and map of one read held once (the
     * property keys of every node, a community repeated on each of its grids, the same workers per
     * kind), and maps without the driver's insertion order. It holds the rows of a province in a
     * fraction of the heap the driver's maps take.
     */
    static Object compact(Object value, Map<Object, Object> seen) {
        Object out;
        if (value instanceof Map<?, ?> map) {
            var entries = new HashMap<Object, Object>(map.size() * 2);
            boolean nulls = false;
            for (var e : map.entrySet()) {
                nulls |= e.getValue() == null;
                entries.put(compact(e.getKey(), seen), compact(e.getValue(), seen));
            }
            out = nulls ? java.util.Collections.unmodifiableMap(entries) : Map.copyOf(entries);
        } else if (value instanceof List<?> list) {
            var items = new java.util.ArrayList<Object>(list.size());
            boolean nulls = false;
            for (var item : list) {
                nulls |= item == null;
                items.add(compact(item, seen));
            }
            out = nulls ? java.util.Collections.unmodifiableList(items) : List.copyOf(items);
        } else if (value == null) {
            return null;
        } else {
            out = value;
        }
        var first = seen.putIfAbsent(out, out);
        return first == null ? out : first;
    }
}

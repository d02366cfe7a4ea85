package org.dangjian.graph.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.database.GraphVersion;
import org.dangjian.graph.database.KeptByDate;
import org.dangjian.graph.queries.CypherCatalogue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The whole graph's statistics, kept in parts and counted again only for the parts a change touched:
 * after an edit of a unit, a person or a membership, a few thousand nodes and their ties are counted
 * again, not the province's million persons and their memberships.
 *
 * <p>{@code statistics-parts.cypher} cuts every figure of {@code statistics-all.cypher} into blocks of
 * Neo4j's internal node ids ({@link #blockSize} ids each): a node counts in its own block; a tie
 * counts, with its distinct start, in its start's block, and its distinct end in its end's block. Every
 * figure is a sum over the blocks. After each commit, {@link GraphVersion#changesAfter} says which
 * nodes and ties it touched, with their internal ids; their blocks are counted again from the graph
 * (by seeking their ids, so a block costs its own nodes and ties) and the rest is kept. A designation
 * (its date) or a rectification tie moves its rectifications' blocks; a label given to or taken from
 * an existing node moves the blocks of its ties' other ends. Internal ids are reused after a deletion:
 * both the deleted node's and the new node's blocks are touched, so the count stays right.
 *
 * <p>Kept per date asked, for the {@link KeptByDate#DATES} dates most recently asked; only with an
 * embedded database, whose commits this service sees.
 */
@Component
class StatisticsLedger {

    /** A node group (type, kind, category) of one block: its count and the measures' parts. */
    private record NodePart(String type, String kind, String category, long count, Number[] measures) {}

    /** A tie group (type, ends' types, detail) of one block of starts: its ties and distinct starts. */
    private record StartPart(String relType, String fromType, String toType, String detail, long count, long starts) {}

    /** A tie group of one block of ends: its distinct ends. */
    private record EndPart(String relType, String fromType, String toType, String detail, long ends) {}

    /**
     * A date's parts, by block, and each block's dates: the days (epoch days, ascending) on which what
     * it counts can change. Parts and dates are never changed once read, only replaced, so a copy
     * shares them.
     */
    private static final class Kept {
        final Map<Long, List<NodePart>> nodes = new HashMap<>();
        final Map<Long, List<StartPart>> starts = new HashMap<>();
        final Map<Long, List<EndPart>> ends = new HashMap<>();
        final Map<Long, int[]> nodeDates = new HashMap<>();
        final Map<Long, int[]> startDates = new HashMap<>();
        final Map<Long, int[]> endDates = new HashMap<>();

        Kept copy() {
            var copy = new Kept();
            copy.nodes.putAll(nodes);
            copy.starts.putAll(starts);
            copy.ends.putAll(ends);
            copy.nodeDates.putAll(nodeDates);
            copy.startDates.putAll(startDates);
            copy.endDates.putAll(endDates);
            return copy;
        }
    }

    private static final List<String> MEASURES = List.of(
            "population",
            "households",
            "disputesSettled",
            "servedPerYear",
            "projectHouseholds",
            "projectSignedHouseholds");

    /** The blocks a change moves beyond those of what it touched: rectifications, relabelled nodes' ties. */
    private static final String MOVED = """
            CALL () {
              UNWIND $designations AS id
              MATCH (:Designation {id: id})-[:RECTIFIED_BY]->(r)
              RETURN collect(DISTINCT id(r) / $blockSize) AS rectifications
            }
            CALL () {
              UNWIND $relabelled AS i
              MATCH (n) WHERE id(n) = i
              MATCH (n)-->(e)
              RETURN collect(DISTINCT id(e) / $blockSize) AS ends
            }
            CALL () {
              UNWIND $relabelled AS i
              MATCH (n) WHERE id(n) = i
              MATCH (s)-->(n)
              RETURN collect(DISTINCT id(s) / $blockSize) AS starts
            }
            RETURN rectifications, ends, starts
            """;

    private final Graph graph;
    private final String cypher;
    private final boolean enabled;
    private final long blockSize;
    private final KeptByDate<Kept> dates;
    private final AtomicLong blocksRead = new AtomicLong();
    private final AtomicLong blocksMoved = new AtomicLong();

    StatisticsLedger(
            Graph graph,
            GraphVersion version,
            CypherCatalogue catalogue,
            @Value("${party-graph.statistics.kept-in-blocks:true}") boolean enabled,
            @Value("${party-graph.statistics.block-size:2048}") long blockSize,
            @Value("${party-graph.statistics.move-dates:true}") boolean moveDates) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("party-graph.statistics.block-size must be at least 1");
        }
        this.graph = graph;
        this.blockSize = blockSize;
        this.dates = new KeptByDate<>(version, new KeptByDate.Keeping<>() {
            @Override
            public Kept readAll(LocalDate asOf) {
                var kept = new Kept();
                read(kept, null, null, null, asOf);
                return kept;
            }

            @Override
            public boolean takeAgain(Kept kept, GraphVersion.Changes changes, LocalDate asOf) {
                StatisticsLedger.this.takeAgain(kept, changes, asOf);
                return true;
            }

            @Override
            public boolean movesDates() {
                return moveDates;
            }

            @Override
            public Kept copyOf(Kept kept) {
                return kept.copy();
            }

            @Override
            public boolean moveDate(Kept kept, LocalDate from, LocalDate to) {
                return StatisticsLedger.this.moveDate(kept, from, to);
            }
        });
        this.cypher = catalogue.get("statistics-parts").cypher();
        this.enabled = enabled;
    }

    boolean serves() {
        return enabled && dates.watches();
    }

    /**
     * Blocks counted again so far (node, start and end blocks, for a change or another date), how many
     * of them for another date ({@code blocksMoved}), how many dates were made from another ({@code
     * datesMoved}), and how many times everything was counted.
     */
    Map<String, Long> counts() {
        var counts = new HashMap<>(dates.counts("blocksRead", blocksRead.get()));
        counts.put("blocksMoved", blocksMoved.get());
        return counts;
    }

    /** The whole graph's statistics, as the row statistics-all.cypher returns: nodes, ties, measures. */
    Map<String, Object> statistics(LocalDate asOf) {
        return dates.answer(asOf, StatisticsLedger::merge);
    }

    /** Counts again the blocks these changes touched or moved. */
    private void takeAgain(Kept kept, GraphVersion.Changes changes, LocalDate asOf) {
        Set<Long> nodeBlocks = new HashSet<>(), startBlocks = new HashSet<>(), endBlocks = new HashSet<>();
        Set<String> designations = new HashSet<>();
        Set<Long> relabelled = new HashSet<>();
        for (var touched : changes.touched()) {
            for (var n : touched.nodes()) {
                if (!n.labels().isEmpty() && !n.labels().contains("Entity") && !n.labelsChanged()) {
                    continue; // not counted (the audit trail, the migrations' records)
                }
                long block = n.node() / blockSize;
                nodeBlocks.add(block);
                if (n.labels().contains("Designation") && n.id() != null) {
                    designations.add(n.id()); // its rectifications count from its date
                }
                if (n.labelsChanged()) {
                    relabelled.add(n.node()); // its ties' ends change type
                    startBlocks.add(block);
                    endBlocks.add(block);
                }
            }
            for (var t : touched.ties()) {
                startBlocks.add(t.start() / blockSize);
                endBlocks.add(t.end() / blockSize);
                if (t.type().equals("RECTIFIED_BY")) {
                    nodeBlocks.add(t.end() / blockSize);
                }
            }
        }
        if (!designations.isEmpty() || !relabelled.isEmpty()) {
            var params = new HashMap<String, Object>();
            params.put("designations", List.copyOf(designations));
            params.put("relabelled", List.copyOf(relabelled));
            params.put("blockSize", blockSize);
            var moved = graph.row(MOVED, params);
            nodeBlocks.addAll(blocks(moved.get("rectifications")));
            endBlocks.addAll(blocks(moved.get("ends")));
            startBlocks.addAll(blocks(moved.get("starts")));
        }
        if (!nodeBlocks.isEmpty() || !startBlocks.isEmpty() || !endBlocks.isEmpty()) {
            read(kept, List.copyOf(nodeBlocks), List.copyOf(startBlocks), List.copyOf(endBlocks), asOf);
            blocksRead.addAndGet(nodeBlocks.size() + startBlocks.size() + endBlocks.size());
        }
    }

    /**
     * Takes again, as of {@code to}, the blocks with a date between the two (after the earlier, up to
     * the later): the rest count the same on both. False, with nothing read, when more than {@link
     * #MOVED_MOST} of the blocks would be: reading everything costs little more then.
     */
    private boolean moveDate(Kept kept, LocalDate from, LocalDate to) {
        int after = (int) Math.min(from.toEpochDay(), to.toEpochDay());
        int upTo = (int) Math.max(from.toEpochDay(), to.toEpochDay());
        var nodeBlocks = datedBetween(kept.nodeDates, after, upTo);
        var startBlocks = datedBetween(kept.startDates, after, upTo);
        var endBlocks = datedBetween(kept.endDates, after, upTo);
        int moved = nodeBlocks.size() + startBlocks.size() + endBlocks.size();
        int all = kept.nodeDates.size() + kept.startDates.size() + kept.endDates.size();
        if (moved > MOVED_MOST * all) {
            return false;
        }
        if (moved > 0) {
            read(kept, nodeBlocks, startBlocks, endBlocks, to);
            blocksRead.addAndGet(moved);
        }
        blocksMoved.addAndGet(moved);
        return true;
    }

    /** The share of the blocks beyond which a date is read whole rather than moved from another. */
    static final double MOVED_MOST = 0.5;

    /** The blocks with a date d, after < d <= upTo. */
    private static List<Long> datedBetween(Map<Long, int[]> dates, int after, int upTo) {
        var blocks = new ArrayList<Long>();
        dates.forEach((block, days) -> {
            int i = Arrays.binarySearch(days, after + 1);
            int first = i >= 0 ? i : -i - 1; // the first day after
            if (first < days.length && days[first] <= upTo) {
                blocks.add(block);
            }
        });
        return blocks;
    }

    private static List<Long> blocks(Object ids) {
        return ids instanceof List<?> list
                ? list.stream().map(id -> ((Number) id).longValue()).toList()
                : List.of();
    }

    /**
     * Counts these blocks again (all when null) and puts them in kept: a block counted that holds
     * nothing any more is forgotten.
     */
    @SuppressWarnings("unchecked")
    private void read(Kept kept, List<Long> nodeBlocks, List<Long> startBlocks, List<Long> endBlocks, LocalDate asOf) {
        var params = new HashMap<String, Object>();
        params.put("asOf", asOf);
        params.put("blockSize", blockSize);
        params.put("nodeBlocks", nodeBlocks);
        params.put("startBlocks", startBlocks);
        params.put("endBlocks", endBlocks);
        var row = graph.row(cypher, params);
        var names = new HashMap<String, String>(); // types, kinds and details shared by many blocks, held once
        var nodes = new HashMap<Long, List<NodePart>>();
        var nodeDates = new HashMap<Long, Set<Integer>>();
        var startDates = new HashMap<Long, Set<Integer>>();
        var endDates = new HashMap<Long, Set<Integer>>();
        for (var g : (List<Map<String, Object>>) row.get("nodeParts")) {
            dates(nodeDates, g);
            var measures = new Number[MEASURES.size()];
            for (int i = 0; i < measures.length; i++) {
                measures[i] = (Number) g.get(MEASURES.get(i));
            }
            nodes.computeIfAbsent(block(g), b -> new ArrayList<>())
                    .add(new NodePart(
                            text(names, g, "type"),
                            text(names, g, "kind"),
                            text(names, g, "category"),
                            ((Number) g.get("count")).longValue(),
                            measures));
        }
        var starts = new HashMap<Long, List<StartPart>>();
        for (var g : (List<Map<String, Object>>) row.get("startParts")) {
            dates(startDates, g);
            if (((Number) g.get("count")).longValue() == 0) {
                continue; // no tie of the group active on the date: only its dates count
            }
            starts.computeIfAbsent(block(g), b -> new ArrayList<>())
                    .add(new StartPart(
                            text(names, g, "relType"),
                            text(names, g, "fromType"),
                            text(names, g, "toType"),
                            text(names, g, "detail"),
                            ((Number) g.get("count")).longValue(),
                            ((Number) g.get("starts")).longValue()));
        }
        var ends = new HashMap<Long, List<EndPart>>();
        for (var g : (List<Map<String, Object>>) row.get("endParts")) {
            dates(endDates, g);
            if (((Number) g.get("ends")).longValue() == 0) {
                continue;
            }
            ends.computeIfAbsent(block(g), b -> new ArrayList<>())
                    .add(new EndPart(
                            text(names, g, "relType"),
                            text(names, g, "fromType"),
                            text(names, g, "toType"),
                            text(names, g, "detail"),
                            ((Number) g.get("ends")).longValue()));
        }
        replace(kept.nodes, nodeBlocks, nodes);
        replace(kept.starts, startBlocks, starts);
        replace(kept.ends, endBlocks, ends);
        replace(kept.nodeDates, nodeBlocks, days(nodeDates));
        replace(kept.startDates, startBlocks, days(startDates));
        replace(kept.endDates, endBlocks, days(endDates));
    }

    /** Adds a part's dates (a list of dates, or of lists of dates) to its block's; every block read has some, maybe none. */
    private static void dates(Map<Long, Set<Integer>> dates, Map<String, Object> part) {
        var days = dates.computeIfAbsent(block(part), b -> new HashSet<>());
        if (part.get("dates") instanceof List<?> list) {
            for (Object d : list) {
                if (d instanceof List<?> inner) {
                    inner.forEach(x -> day(days, x));
                } else {
                    day(days, d);
                }
            }
        }
    }

    private static void day(Set<Integer> days, Object date) {
        if (date instanceof LocalDate d) {
            days.add((int) d.toEpochDay());
        }
    }

    private static Map<Long, int[]> days(Map<Long, Set<Integer>> dates) {
        var days = new HashMap<Long, int[]>();
        dates.forEach((block, set) -> days.put(
                block, set.stream().mapToInt(Integer::intValue).sorted().toArray()));
        return days;
    }

    private static <P> void replace(Map<Long, P> kept, List<Long> blocks, Map<Long, P> read) {
        if (blocks == null) {
            kept.clear();
        } else {
            blocks.forEach(kept::remove);
        }
        kept.putAll(read);
    }

    private static long block(Map<String, Object> g) {
        return ((Number) g.get("block")).longValue();
    }

    private static String text(Map<String, String> names, Map<String, Object> g, String key) {
        return g.get(key) instanceof String v ? names.computeIfAbsent(v, x -> x) : null;
    }

    /** The figures of every block added up, ordered as statistics-all orders them. */
    private static Map<String, Object> merge(Kept kept) {
        var nodeGroups = new HashMap<List<String>, Object[]>(); // [count, measures...]
        kept.nodes
                .values()
                .forEach(parts -> parts.forEach(p -> {
                    var sums = nodeGroups.computeIfAbsent(Arrays.asList(p.type(), p.kind(), p.category()), k -> {
                        var zero = new Object[MEASURES.size() + 1];
                        Arrays.fill(zero, 0L);
                        return zero;
                    });
                    sums[0] = (Long) sums[0] + p.count();
                    for (int i = 0; i < MEASURES.size(); i++) {
                        sums[i + 1] = add((Number) sums[i + 1], p.measures()[i]);
                    }
                }));
        var nodes = new ArrayList<Map<String, Object>>();
        var measures = new LinkedHashMap<String, Object>();
        MEASURES.forEach(m -> measures.put(m, 0L));
        nodeGroups.forEach((key, sums) -> {
            if ((Long) sums[0] > 0) {
                var n = new LinkedHashMap<String, Object>();
                n.put("type", key.get(0));
                n.put("kind", key.get(1));
                n.put("category", key.get(2));
                n.put("count", sums[0]);
                nodes.add(n);
            }
            for (int i = 0; i < MEASURES.size(); i++) {
                measures.put(MEASURES.get(i), add((Number) measures.get(MEASURES.get(i)), (Number) sums[i + 1]));
            }
        });
        nodes.sort(order("type", "kind", "category"));
        var tieGroups = new HashMap<List<String>, long[]>(); // count, starts, ends
        kept.starts
                .values()
                .forEach(parts -> parts.forEach(p -> {
                    var sums = tieGroups.computeIfAbsent(
                            Arrays.asList(p.relType(), p.fromType(), p.toType(), p.detail()), k -> new long[3]);
                    sums[0] += p.count();
                    sums[1] += p.starts();
                }));
        kept.ends
                .values()
                .forEach(parts -> parts.forEach(p -> {
                    var sums = tieGroups.computeIfAbsent(
                            Arrays.asList(p.relType(), p.fromType(), p.toType(), p.detail()), k -> new long[3]);
                    sums[2] += p.ends();
                }));
        var ties = new ArrayList<Map<String, Object>>();
        tieGroups.forEach((key, sums) -> {
            var t = new LinkedHashMap<String, Object>();
            t.put("relType", key.get(0));
            t.put("fromType", key.get(1));
            t.put("toType", key.get(2));
            t.put("detail", key.get(3));
            t.put("count", sums[0]);
            t.put("starts", sums[1]);
            t.put("ends", sums[2]);
            ties.add(t);
        });
        ties.sort(order("relType", "fromType", "toType", "detail"));
        var row = new LinkedHashMap<String, Object>();
        row.put("nodes", nodes);
        row.put("ties", ties);
        row.put("measures", measures);
        return row;
    }

    private static Number add(Number a, Number b) {
        if (b == null) {
            return a;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x + y;
        }
        return a.doubleValue() + b.doubleValue();
    }

    /** By these keys in turn, nulls last (as Cypher orders), texts by their characters. */
    private static Comparator<Map<String, Object>> order(String... keys) {
        Comparator<Map<String, Object>> c = (a, b) -> 0;
        for (String key : keys) {
            c = c.thenComparing(m -> m.get(key), StatisticsLedger::compareValues);
        }
        return c;
    }

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return a.getClass().getName().equals(b.getClass().getName())
                ? a.toString().compareTo(b.toString())
                : a.getClass().getName().compareTo(b.getClass().getName());
    }
}

package org.dangjian.graph.database;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListenerAdapter;

/**
 * How many write transactions the graph has committed since the service started, counted by Neo4j
 * itself after each commit, whoever wrote (a mutation, an import, the audit trail, a Bolt client):
 * two reads that see the same version saw the same graph. Known only where the database runs in this
 * JVM; with a server ({@code spring.neo4j.uri}) the version is {@link #UNKNOWN} and nothing relies on
 * it.
 *
 * <p>It also remembers what the last commits touched ({@link #changesAfter}): the nodes (by their
 * {@code id}, with their labels) and the ties (type and the ids of both ends) each one created,
 * deleted or changed, so that an answer kept per part of the graph can take again only the parts a
 * change can have moved. A commit that touched more than {@link #MOST_TOUCHED} elements is
 * remembered as having touched everything.
 */
public final class GraphVersion {

    public static final long UNKNOWN = -1;

    /** Beyond this many nodes and ties, a commit is remembered as having touched everything. */
    public static final int MOST_TOUCHED = 5_000;

    /** How many commits are remembered, and how many touched nodes and ties in all. */
    static final int REMEMBERED = 10_000;

    static final int REMEMBERED_ELEMENTS = 200_000;

    /**
     * A node a commit created, deleted or changed (a property or a label): its id (null when it has
     * none), its internal id
     * (Neo4j's, which a later commit may give to another node once this one is deleted), its labels old
     * and new, whether the commit gave or took a label of a node it neither created nor deleted
     * (its ties then belong to other types of ends), and whether it created or deleted the node or
     * set, changed or took away its id ({@code identity}: not only its other properties).
     */
    public record TouchedNode(String id, long node, Set<String> labels, boolean labelsChanged, boolean identity) {}

    /**
     * A tie a commit created, deleted or changed: its type, the ids of its ends and their internal ids,
     * and the text values of its properties before and after (a post's {@code onBehalfOf} names a
     * unit).
     */
    public record TouchedTie(String type, String startId, String endId, long start, long end, Set<String> mentions) {}

    /** What one commit touched; {@code everything} when it touched too much to list. */
    public record Touched(boolean everything, List<TouchedNode> nodes, List<TouchedTie> ties) {

        static final Touched EVERYTHING = new Touched(true, List.of(), List.of());

        int size() {
            return nodes.size() + ties.size();
        }
    }

    private record Commit(long version, Touched touched) {}

    private final AtomicLong commits;
    private final ArrayDeque<Commit> log = new ArrayDeque<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long elements;

    private GraphVersion(AtomicLong commits) {
        this.commits = commits;
    }

    /** The version of a graph this service cannot watch. */
    public static GraphVersion unknown() {
        return new GraphVersion(null);
    }

    /**
     * Counts the commits of an embedded database. Neo4j calls the listener in the committing thread
     * once the changes are applied and before the commit returns, so a client that sees its write
     * acknowledged sees the version moved. What the commit touched is read before it commits, while
     * deleted nodes and ties can still be looked at.
     */
    static GraphVersion watching(org.neo4j.dbms.api.DatabaseManagementService dbms, String database) {
        var version = new GraphVersion(new AtomicLong());
        dbms.registerTransactionEventListener(database, new TransactionEventListenerAdapter<Touched>() {
            @Override
            public Touched beforeCommit(TransactionData data, Transaction transaction, GraphDatabaseService db) {
                return touched(data);
            }

            @Override
            public void afterCommit(TransactionData data, Touched touched, GraphDatabaseService db) {
                version.committed(touched == null ? Touched.EVERYTHING : touched);
            }
        });
        return version;
    }

    private void committed(Touched touched) {
        synchronized (log) {
            long v = commits.incrementAndGet();
            log.addLast(new Commit(v, touched));
            elements += touched.size();
            while (log.size() > REMEMBERED || elements > REMEMBERED_ELEMENTS) {
                elements -= log.removeFirst().touched().size();
            }
        }
        for (var listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // a listener's failure is not the commit's: it has committed
            }
        }
    }

    /**
     * Calls {@code listener} after each commit, once the version has moved, in the committing thread
     * (before the commit returns to its client): it must only hand work to another thread. Nothing is
     * called where the version is unknown.
     */
    public void afterEachCommit(Runnable listener) {
        if (commits != null) {
            listeners.add(listener);
        }
    }

    /** Stops calling a listener given to {@link #afterEachCommit}. */
    public void stopCalling(Runnable listener) {
        listeners.remove(listener);
    }

    /** The current version, or {@link #UNKNOWN}. */
    public long current() {
        return commits == null ? UNKNOWN : commits.get();
    }

    /**
     * What the commits after {@code version} touched, with the version of the last of them; empty when
     * that is not known (an unwatched graph, or commits older than those remembered).
     */
    public Optional<Changes> changesAfter(long version) {
        if (commits == null || version == UNKNOWN) {
            return Optional.empty();
        }
        synchronized (log) {
            long last = commits.get();
            if (last == version) {
                return Optional.of(new Changes(last, List.of()));
            }
            if (log.isEmpty() || log.peekFirst().version() > version + 1) {
                return Optional.empty();
            }
            var touched = new ArrayList<Touched>();
            for (var commit : log) {
                if (commit.version() > version) {
                    touched.add(commit.touched());
                }
            }
            return Optional.of(new Changes(log.peekLast().version(), touched));
        }
    }

    /** What the commits up to {@code version} touched, one entry per commit. */
    public record Changes(long version, List<Touched> touched) {

        public boolean everything() {
            return touched.stream().anyMatch(Touched::everything);
        }
    }

    // ---- what a transaction touched, read before it commits -----------------------------------------

    static Touched touched(TransactionData data) {
        // The ids of deleted nodes can no longer be read from them: they are among the removed properties.
        Map<String, String> deletedIds = new HashMap<>();
        Map<String, Set<String>> removedLabels = new HashMap<>();
        int budget = MOST_TOUCHED;
        for (var p : data.removedNodeProperties()) {
            if ("id".equals(p.key()) && p.previouslyCommittedValue() instanceof String id) {
                deletedIds.put(p.entity().getElementId(), id);
            }
        }
        for (var l : data.removedLabels()) {
            removedLabels
                    .computeIfAbsent(l.node().getElementId(), k -> new HashSet<>())
                    .add(l.label().name());
        }
        var created = new HashSet<String>();
        var idAssigned = new HashSet<String>(); // nodes whose id this commit set or changed (taken away: deletedIds)
        data.assignedNodeProperties().forEach(p -> {
            if ("id".equals(p.key())) {
                idAssigned.add(p.entity().getElementId());
            }
        });
        data.createdNodes().forEach(n -> created.add(n.getElementId()));
        var assignedLabels = new HashSet<String>();
        data.assignedLabels().forEach(l -> assignedLabels.add(l.node().getElementId()));
        var nodes = new HashMap<String, TouchedNode>();
        var ties = new HashMap<String, TouchedTie>();
        var touchedNodes = new ArrayList<Node>();
        data.createdNodes().forEach(touchedNodes::add);
        data.deletedNodes().forEach(touchedNodes::add);
        data.assignedNodeProperties().forEach(p -> touchedNodes.add(p.entity()));
        data.removedNodeProperties().forEach(p -> touchedNodes.add(p.entity()));
        data.assignedLabels().forEach(l -> touchedNodes.add(l.node()));
        data.removedLabels().forEach(l -> touchedNodes.add(l.node()));
        for (var node : touchedNodes) {
            if (--budget < 0) {
                return Touched.EVERYTHING;
            }
            String elementId = node.getElementId();
            if (nodes.containsKey(elementId)) {
                continue;
            }
            boolean deleted = data.isDeleted(node);
            String id = deleted ? deletedIds.get(elementId) : idOf(node);
            var labels = new HashSet<>(removedLabels.getOrDefault(elementId, Set.of()));
            if (!deleted) {
                node.getLabels().forEach(l -> labels.add(l.name()));
            }
            boolean labelsChanged = !deleted
                    && !created.contains(elementId)
                    && (removedLabels.containsKey(elementId) || assignedLabels.contains(elementId));
            // id null: a node without one (counted in the statistics all the same)
            boolean identity = deleted
                    || created.contains(elementId)
                    || idAssigned.contains(elementId)
                    || deletedIds.containsKey(elementId);
            nodes.put(elementId, new TouchedNode(id, internalId(node), Set.copyOf(labels), labelsChanged, identity));
        }
        // A node whose id was taken away (not deleted) is touched under the id it had.
        deletedIds.forEach((elementId, old) -> {
            if (!nodes.containsKey(elementId) || old.equals(nodes.get(elementId).id())) {
                return;
            }
            var was = nodes.get(elementId);
            nodes.put("old-id " + old, new TouchedNode(old, was.node(), was.labels(), false, true));
        });
        // A node whose id changed is touched under its old id as well (what was kept under it is gone).
        for (var p : data.assignedNodeProperties()) {
            if ("id".equals(p.key()) && p.previouslyCommittedValue() instanceof String old && !old.equals(p.value())) {
                var labels = new HashSet<String>();
                p.entity().getLabels().forEach(l -> labels.add(l.name()));
                nodes.put(
                        "old-id " + old, new TouchedNode(old, internalId(p.entity()), Set.copyOf(labels), false, true));
            }
        }
        // The text values a tie held before the commit: a deleted tie's can be read only here.
        Map<String, Set<String>> previous = new HashMap<>();
        for (var p : data.removedRelationshipProperties()) {
            if (p.previouslyCommittedValue() instanceof String v) {
                previous.computeIfAbsent(p.entity().getElementId(), k -> new HashSet<>())
                        .add(v);
            }
        }
        for (var p : data.assignedRelationshipProperties()) {
            if (p.previouslyCommittedValue() instanceof String v) {
                previous.computeIfAbsent(p.entity().getElementId(), k -> new HashSet<>())
                        .add(v);
            }
        }
        var touchedTies = new ArrayList<Relationship>();
        data.createdRelationships().forEach(touchedTies::add);
        data.deletedRelationships().forEach(touchedTies::add);
        data.assignedRelationshipProperties().forEach(p -> touchedTies.add(p.entity()));
        data.removedRelationshipProperties().forEach(p -> touchedTies.add(p.entity()));
        for (var r : touchedTies) {
            if (--budget < 0) {
                return Touched.EVERYTHING;
            }
            if (ties.containsKey(r.getElementId())) {
                continue;
            }
            var mentions = new HashSet<>(previous.getOrDefault(r.getElementId(), Set.of()));
            if (!data.isDeleted(r)) {
                r.getAllProperties().values().forEach(v -> {
                    if (v instanceof String text) {
                        mentions.add(text);
                    }
                });
            }
            ties.put(
                    r.getElementId(),
                    new TouchedTie(
                            r.getType().name(),
                            endId(data, r.getStartNode(), deletedIds),
                            endId(data, r.getEndNode(), deletedIds),
                            internalId(r.getStartNode()),
                            internalId(r.getEndNode()),
                            Set.copyOf(mentions)));
        }
        return new Touched(false, List.copyOf(nodes.values()), List.copyOf(ties.values()));
    }

    private static String endId(TransactionData data, Node node, Map<String, String> deletedIds) {
        return data.isDeleted(node) ? deletedIds.get(node.getElementId()) : idOf(node);
    }

    /** Neo4j's own id of a node, readable until the commit ends even when it deletes the node. */
    @SuppressWarnings("deprecation") // the statistics' parts are blocks of these ids (statistics-parts.cypher)
    private static long internalId(Node node) {
        return node.getId();
    }

    private static String idOf(Node node) {
        return node.getProperty("id", null) instanceof String id ? id : null;
    }
}

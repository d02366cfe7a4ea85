package org.dangjian.graph.entity;

import static org.dangjian.graph.api.ApiException.conflict;
import static org.dangjian.graph.api.ApiException.notFound;
import static org.dangjian.graph.api.ApiException.validation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.dangjian.graph.api.StrictInput;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.GraphTie;
import org.dangjian.graph.model.NodeType;
import org.dangjian.graph.model.Property;
import org.dangjian.graph.model.PropertyType;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.paging.Paging;
import org.dangjian.graph.security.Sealing;
import org.dangjian.graph.time.Today;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes nodes and ties of every type of the {@link GraphModel}. Each change is validated
 * and written in one transaction; a refusal throws {@link org.dangjian.graph.api.ApiException}
 * and rolls everything back.
 */
@Service
public class EntityService {

    /** Longest name or text property accepted. */
    static final int MAX_TEXT = 500;

    /** The earliest birth date taken as plausible. */
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    /** Names and codes are one line; other texts may keep their line breaks. */
    static boolean singleLine(String property) {
        return property.equals("name") || property.equals("code") || property.endsWith("Name");
    }

    /** A request for the ties of one node; ties of many keys are loaded together. */
    public record TieKey(String id, LocalDate asOf, boolean includeEnded) {}

    private static final Map<String, Set<String>> MODES = Map.of(
            "MANAGEMENT", Set.of("INDUSTRY", "TERRITORIAL"),
            "ESTABLISHMENT", Set.of("STANDALONE", "JOINT"));

    private final NodeRepository nodes;
    private final TieRepository ties;
    private final Graph graph;
    private final Sealing sealing;
    private final Today today;

    EntityService(NodeRepository nodes, TieRepository ties, Graph graph, Sealing sealing, Today today) {
        this.nodes = nodes;
        this.ties = ties;
        this.graph = graph;
        this.sealing = sealing;
        this.today = today;
    }

    // The reads of one statement (a lookup, a lookup with its ties, a page) are not @Transactional:
    // Graph runs each in a read transaction of its own (or in the caller's transaction, if there is
    // one), without Spring's transaction manager around it, which had been a sixth of the CPU of the
    // thread that executes a lookup.
    public GraphNode node(String id) {
        return nodes.findById(id);
    }

    /** The node with this id if it is of this type, else null. */
    public GraphNode node(NodeType type, String id) {
        var node = nodes.findById(id);
        return node != null && type.label().equals(node.type()) ? node : null;
    }

    /** Ties of one type and direction asked of a node, at a date (null: today) or all of them. */
    public record TieRequest(TieType type, TieRepository.Direction direction, LocalDate asOf, boolean includeEnded) {}

    /** A node and the ties asked of it. */
    public record NodeWithTies(GraphNode node, Map<TieRequest, List<GraphTie>> ties) {}

    /**
     * The node with this id if it is of this type, with the ties of each request, in one statement
     * (a lookup whose request asks for tie fields: they are then not read one statement each).
     */
    public NodeWithTies nodeWithTies(NodeType type, String id, List<TieRequest> requests) {
        var params = new HashMap<String, Object>();
        params.put("id", id);
        var subqueries = new ArrayList<String>();
        for (int i = 0; i < requests.size(); i++) {
            var request = requests.get(i);
            params.put("asOf" + i, today.orToday(request.asOf()));
            params.put("all" + i, request.includeEnded());
            subqueries.add(ties.collectSubquery(request.type(), request.direction(), "n", "asOf" + i, "all" + i));
        }
        var row = nodes.findWithCollected(subqueries, params);
        if (row == null) {
            return null;
        }
        var node = GraphNode.of(row.get("node"));
        if (!type.label().equals(node.type())) {
            return null;
        }
        var found = new HashMap<TieRequest, List<GraphTie>>();
        for (int i = 0; i < requests.size(); i++) {
            found.put(requests.get(i), TieRepository.loaded(requests.get(i).type(), row.get("t" + i)));
        }
        return new NodeWithTies(node, found);
    }

    public NodeRepository.Page page(NodeType type, ListQuery query) {
        Paging.first(query.first());
        return nodes.page(type, query);
    }

    /** Ties of many nodes, grouped by key: one statement per distinct (asOf, includeEnded). */
    public Map<TieKey, List<GraphTie>> ties(TieType type, TieRepository.Direction direction, Collection<TieKey> keys) {
        Map<TieKey, List<GraphTie>> result = new HashMap<>();
        keys.forEach(k -> result.put(k, new ArrayList<>()));
        var groups = keys.stream()
                .collect(Collectors.groupingBy(k -> new TieKey("", today.orToday(k.asOf()), k.includeEnded())));
        groups.forEach((group, members) -> {
            var ids = members.stream().map(TieKey::id).collect(Collectors.toSet());
            for (var loaded : ties.ties(type, direction, ids, group.asOf(), group.includeEnded())) {
                for (var k : members) {
                    if (k.id().equals(loaded.self())) {
                        result.get(k).add(loaded.tie());
                    }
                }
            }
        });
        return result;
    }

    @Transactional
    public GraphNode create(NodeType type, Map<String, Object> input) {
        requireEditable(type);
        var props = clean(type, input, true);
        checkCode(type, props, null);
        String id = type.idPrefix() + "-" + UUID.randomUUID();
        return nodes.create(type, id, sealing.sealPersonal(type.label(), id, props));
    }

    /**
     * Creates many nodes of a type in one statement, each with its personal values sealed: for imports,
     * whose rows have passed {@link #check} and whose codes were found free in the same transaction.
     * Returns how many were created.
     */
    @Transactional
    public int createAll(NodeType type, List<Map<String, Object>> checked) {
        requireEditable(type);
        if (checked.isEmpty()) {
            return 0;
        }
        var rows = new ArrayList<Map<String, Object>>(checked.size());
        for (var props : checked) {
            String id = type.idPrefix() + "-" + UUID.randomUUID();
            var row = new HashMap<>(sealing.sealPersonal(type.label(), id, props));
            row.put("id", id);
            rows.add(row);
        }
        graph.run(
                "UNWIND $rows AS row CREATE (n:" + GraphModel.ENTITY + ":" + type.label() + ") SET n = row",
                Map.of("rows", rows));
        return rows.size();
    }

    @Transactional
    public GraphNode update(NodeType type, Map<String, Object> input) {
        requireEditable(type);
        String id = (String) input.get("id");
        if (node(type, id) == null) {
            throw notFound("No " + type.label() + " with id " + id);
        }
        var changes = new LinkedHashMap<>(input);
        changes.remove("id");
        var props = clean(type, changes, false);
        checkCode(type, props, id);
        return nodes.update(type, id, sealing.sealPersonal(type.label(), id, props));
    }

    /** Deletes a node; returns the number of ties deleted with it. */
    @Transactional
    public long delete(String id, boolean detach) {
        // Locked before it is counted: a tie added meanwhile waits, then finds the node gone.
        graph.lockNodes(List.of(id));
        var node = nodes.findById(id);
        if (node == null) {
            throw notFound("No node with id " + id);
        }
        long count = nodes.tieCount(id);
        if (count > 0 && !detach) {
            throw conflict(
                    node.type() + " " + id + " still has " + count + " ties; end them, or delete with detach: true");
        }
        nodes.delete(id);
        return count;
    }

    @Transactional
    public GraphTie addTie(Map<String, Object> input) {
        var plan = planTie(input);
        return ties.create(plan.type(), plan.fromId(), plan.toId(), plan.properties());
    }

    /**
     * Runs every rule {@link #addTie} runs, and writes nothing: for the dry run of an import. Throws
     * what {@code addTie} would throw.
     */
    @Transactional
    public void checkTie(Map<String, Object> input) {
        planTie(input);
    }

    /** A tie that passed its rules, ready to be written. */
    private record TiePlan(TieType type, String fromId, String toId, Map<String, Object> properties) {}

    private TiePlan planTie(Map<String, Object> input) {
        var type = GraphModel.tieType((String) input.get("kind"));
        if (!type.addable()) {
            throw validation(type.kind() + " ties are written only by the weak-organization workflow");
        }
        String fromId = (String) input.get("fromId");
        String toId = (String) input.get("toId");
        if (fromId.equals(toId)) {
            throw validation("A tie cannot join a node to itself");
        }
        // Both ends (and the represented unit) are locked before any rule is checked, so that
        // concurrent writers of ties between the same nodes, or a delete of one of them, take turns.
        var locked = new ArrayList<String>(List.of(fromId, toId));
        if (input.get("onBehalfOfId") instanceof String unit) {
            locked.add(unit);
        }
        graph.lockNodes(locked);
        if (type.acyclic()) {
            // A cycle can close through any path, so writers of this hierarchy take turns.
            graph.lockRule("acyclic:" + type.relType());
        }
        requireEnd(fromId, type.fromLabels(), type, "start");
        requireEnd(toId, type.toLabels(), type, "end");
        LocalDate since = input.get("since") == null ? today.date() : (LocalDate) input.get("since");
        LocalDate until = (LocalDate) input.get("until");
        if (until != null && until.isBefore(since)) {
            throw validation("until (" + until + ") is before since (" + since + ")");
        }
        var props = new LinkedHashMap<String, Object>();
        props.put("id", type.kind().toLowerCase() + "-" + UUID.randomUUID());
        props.put("since", since);
        if (until != null) {
            props.put("until", until);
        }
        tieAttributes(type, input, props);
        if (ties.overlapping(type, fromId, toId, since, until, props.get("role"))) {
            throw conflict("An active " + type.kind() + " tie from " + fromId + " to " + toId + " already overlaps "
                    + since + (until == null ? " onwards" : " to " + until));
        }
        if (type.acyclic() && ties.wouldCycle(type, fromId, toId)) {
            throw validation("A " + type.kind() + " tie from " + fromId + " to " + toId + " would close a cycle");
        }
        return new TiePlan(type, fromId, toId, props);
    }

    /**
     * The input of {@link #addTie} for a tie of this kind with these stored properties: the API names
     * some of them differently ({@code onBehalfOf} is {@code onBehalfOfId}, a grid worker's {@code kind}
     * is {@code workerKind}, a mobilization's {@code role} is {@code mobilizationRole}).
     */
    public static Map<String, Object> tieInput(
            TieType type,
            String fromId,
            String toId,
            LocalDate since,
            LocalDate until,
            Map<String, Object> properties) {
        var input = new LinkedHashMap<String, Object>();
        input.put("kind", type.kind());
        input.put("fromId", fromId);
        input.put("toId", toId);
        input.put("since", since);
        input.put("until", until);
        properties.forEach((k, v) -> input.put(k.equals("onBehalfOf") ? "onBehalfOfId" : inputName(k, type), v));
        return input;
    }

    /**
     * Checks and normalises the properties of a node as {@link #create} (creating) or {@link #update}
     * would, without writing: for the dry run of an import. Throws what they would throw.
     */
    public static Map<String, Object> check(NodeType type, Map<String, Object> input, boolean creating) {
        return clean(type, input, creating);
    }

    @Transactional
    public GraphTie endTie(String id, LocalDate until) {
        TieType type = GraphModel.tieTypeOfId(id).orElseThrow(() -> notFound("No tie with id " + id));
        // Locked before it is read: of two concurrent ends, the second sees the first one's until.
        graph.lockTie(type.relType(), id);
        var tie = ties.findById(type, id);
        if (tie == null) {
            throw notFound("No tie with id " + id);
        }
        if (!type.addable()) {
            throw validation(type.kind() + " ties are ended only by the weak-organization workflow");
        }
        if (tie.properties().get("until") != null) {
            throw conflict("Tie " + id + " already ended on " + tie.properties().get("until"));
        }
        LocalDate end = today.orToday(until);
        var since = (LocalDate) tie.properties().get("since");
        if (since != null && end.isBefore(since)) {
            throw validation("until (" + end + ") is before the tie's since (" + since + ")");
        }
        return ties.end(type, id, end);
    }

    private void tieAttributes(TieType type, Map<String, Object> input, Map<String, Object> props) {
        var allowed = type.properties().stream().map(Property::name).collect(Collectors.toSet());
        Map<String, String> inputNames = Map.of(
                "status",
                "status",
                "outOfContact",
                "outOfContact",
                "role",
                "role",
                "onBehalfOfId",
                "onBehalfOf",
                "mode",
                "mode",
                "workerKind",
                "kind",
                "mobilizationRole",
                "role",
                "program",
                "program",
                "position",
                "position");
        for (var e : inputNames.entrySet()) {
            Object value = input.get(e.getKey());
            if (value == null) {
                continue;
            }
            String target = e.getValue();
            boolean roleOfOtherTie = target.equals("role")
                    && (e.getKey().equals("role") != type.kind().equals("POST"));
            if (!allowed.contains(target) || roleOfOtherTie) {
                throw validation(e.getKey() + " does not apply to " + type.kind() + " ties");
            }
            props.put(target, value instanceof String s ? s.strip() : value);
        }
        for (var p : type.properties()) {
            if (p.required() && props.get(p.name()) == null) {
                throw validation(type.kind() + " ties need " + inputName(p.name(), type));
            }
        }
        if (MODES.containsKey(type.kind()) && !MODES.get(type.kind()).contains(props.get("mode"))) {
            throw validation("mode of a " + type.kind() + " tie must be one of " + MODES.get(type.kind()));
        }
        if (type.kind().equals("PAIRING")) {
            props.putIfAbsent("program", "双联双帮双带");
        }
        if (type.kind().equals("POST")) {
            boolean partTime = "PART_TIME_MEMBER".equals(props.get("role"));
            Object unit = props.get("onBehalfOf");
            if (partTime && unit == null) {
                throw validation("A PART_TIME_MEMBER post needs onBehalfOfId, the unit the member represents");
            }
            if (!partTime && unit != null) {
                throw validation("onBehalfOfId applies only to PART_TIME_MEMBER posts");
            }
            if (unit != null && ties.labelOf((String) unit, Set.of("Unit")) == null) {
                throw notFound("No Unit with id " + unit + " (onBehalfOfId)");
            }
        }
    }

    private static String inputName(String property, TieType type) {
        return switch (property) {
            case "kind" -> "workerKind";
            case "role" -> type.kind().equals("POST") ? "role" : "mobilizationRole";
            default -> property;
        };
    }

    private void requireEnd(String id, Set<String> labels, TieType type, String end) {
        if (ties.labelOf(id, labels) == null) {
            if (nodes.findById(id) == null) {
                throw notFound("No node with id " + id);
            }
            throw validation("The " + end + " of a " + type.kind() + " tie must be a "
                    + String.join(" or ", labels.stream().sorted().toList()) + "; " + id + " is not");
        }
    }

    private void requireEditable(NodeType type) {
        if (!type.editable()) {
            throw validation(type.label() + " is written only by its workflow");
        }
    }

    private void checkCode(NodeType type, Map<String, Object> props, String exceptId) {
        Object code = props.get("code");
        if (code != null && nodes.codeTaken(type, (String) code, exceptId)) {
            throw conflict("Another " + type.label() + " already has code " + code);
        }
    }

    /** Checks and normalises input values; on update, only the given keys, where null clears. */
    static Map<String, Object> clean(NodeType type, Map<String, Object> input, boolean creating) {
        var result = new LinkedHashMap<String, Object>();
        for (var e : input.entrySet()) {
            var property = type.property(e.getKey())
                    .orElseThrow(() -> validation(type.label() + " has no property " + e.getKey()));
            Object value = e.getValue();
            if (value instanceof String s) {
                value = s.strip();
                if (s.isBlank()) {
                    value = null;
                } else if (s.length() > MAX_TEXT) {
                    throw validation(e.getKey() + " is longer than " + MAX_TEXT + " characters");
                } else if (singleLine(e.getKey()) && StrictInput.multiLine(s.strip())) {
                    throw validation(e.getKey() + " is one line; it holds a line break");
                }
            }
            if (value instanceof LocalDate date
                    && e.getKey().equals("birthDate")
                    && (date.isBefore(EARLIEST_BIRTH) || date.isAfter(LocalDate.now()))) {
                throw validation("birthDate " + date + " is not plausible: it must lie between " + EARLIEST_BIRTH
                        + " and today");
            }
            if (value instanceof Number n && n.doubleValue() < 0) {
                throw validation(e.getKey() + " cannot be negative");
            }
            if (property.type() == PropertyType.FLOAT && value instanceof Number n) {
                value = n.doubleValue();
            }
            if (value == null && property.required()) {
                throw validation(type.label() + "." + e.getKey() + " is required and cannot be empty");
            }
            result.put(e.getKey(), value);
        }
        if (creating) {
            for (var p : type.properties()) {
                if (p.required() && result.get(p.name()) == null) {
                    throw validation(type.label() + "." + p.name() + " is required");
                }
            }
            result.values().removeIf(v -> v == null);
        }
        return result;
    }
}

package org.dangjian.graph.entity;

import graphql.scalars.ExtendedScalars;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.api.StrictInput;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.GraphTie;
import org.dangjian.graph.model.NodeType;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.paging.KeysetCursors;
import org.dangjian.graph.paging.PageConnection;
import org.dangjian.graph.paging.Paging;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Jurisdictions;
import org.dangjian.graph.time.Today;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Maps the generic parts of the schema onto {@link EntityService}: for every node type of the {@link
 * GraphModel} its lookup, list, create and update fields and its tie fields; for every tie type its
 * ends. Tie fields go through one DataLoader per tie type and direction, so a nested request costs
 * one statement per level and field, whatever the number of nodes.
 */
@Component
class EntityGraphQl implements RuntimeWiringConfigurer {

    private final EntityService service;
    private final SearchRepository search;
    private final Today today;
    private final Jurisdictions jurisdictions;
    private final Map<Field, TieField> tieFields = tieFields();

    EntityGraphQl(
            EntityService service,
            SearchRepository search,
            Today today,
            Jurisdictions jurisdictions,
            BatchLoaderRegistry loaders) {
        this.service = service;
        this.search = search;
        this.today = today;
        this.jurisdictions = jurisdictions;
        // One loader for every tie field, its keys saying which tie and from which end: Spring for GraphQL
        // makes each registered loader anew for every request, a request that reads no tie too, and one
        // per tie and end (GraphModel's ties, both ways) was a quarter of what `{ __typename }` allocated.
        // A dispatch still reads each tie and end in one statement of its own, as its own loader did.
        loaders.<TieLoad, List<GraphTie>>forName(TIES)
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> ties(keys)));
    }

    private static final String TIES = "ties";

    /** What the tie loader loads: the ties of one node, of one tie type from one end. */
    private record TieLoad(TieField field, EntityService.TieKey key) {}

    private Map<TieLoad, List<GraphTie>> ties(Set<TieLoad> keys) {
        var byField = keys.stream()
                .collect(Collectors.groupingBy(
                        TieLoad::field,
                        java.util.LinkedHashMap::new,
                        Collectors.mapping(TieLoad::key, Collectors.toList())));
        var result = new HashMap<TieLoad, List<GraphTie>>();
        byField.forEach((field, group) -> service.ties(field.type(), field.direction(), group)
                .forEach((key, ties) -> result.put(new TieLoad(field, key), ties)));
        return result;
    }

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        wiring.scalar(StrictInput.DATE_SCALAR).scalar(ExtendedScalars.DateTime).scalar(ExtendedScalars.Json);
        // NodeType's values are upper case in GraphQL (AREA, PARTY_ORGANIZATION) and labels in Java and
        // Cypher (Area, PartyOrganization): graphql-java maps between them both ways.
        wiring.type(TypeRuntimeWiring.newTypeWiring("NodeType").enumValues(GraphModel::labelOfEnum));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Node")
                .typeResolver(env -> env.getSchema().getObjectType(((GraphNode) env.getObject()).type())));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Tie")
                .typeResolver(env -> env.getSchema()
                        .getObjectType(((GraphTie) env.getObject()).type().name())));
        wiring.type(
                "Query",
                q -> q.dataFetcher("node", env -> service.node(env.<String>getArgument("id")))
                        .dataFetcher("search", this::search));
        wiring.type(
                "Mutation",
                m -> m.dataFetcher("deleteNode", env -> {
                            Map<String, Object> input = env.getArgument("input");
                            String id = (String) input.get("id");
                            long count = service.delete(id, Boolean.TRUE.equals(input.get("detach")));
                            return Map.of("id", id, "tiesDeleted", count);
                        })
                        .dataFetcher("addTie", env -> Map.of("tie", service.addTie(env.getArgument("input"))))
                        .dataFetcher("endTie", env -> {
                            Map<String, Object> input = env.getArgument("input");
                            return Map.of(
                                    "tie", service.endTie((String) input.get("id"), (LocalDate) input.get("until")));
                        }));
        for (NodeType type : GraphModel.nodeTypes()) {
            wiring.type(
                    "Query",
                    q -> q.dataFetcher(type.lookupField(), env -> lookup(type, env))
                            .dataFetcher(type.listField(), env -> page(type, env)));
            if (type.editable()) {
                String payloadField = type.lookupField();
                wiring.type(
                        "Mutation",
                        m -> m.dataFetcher(
                                        "create" + type.label(),
                                        env -> Map.of(payloadField, service.create(type, env.getArgument("input"))))
                                .dataFetcher(
                                        "update" + type.label(),
                                        env -> Map.of(payloadField, service.update(type, env.getArgument("input")))));
            }
        }
        // Nodes and ties travel as GraphNode and GraphTie, read as maps: their fields are read by key,
        // declared here so that the schema inspection knows every field is mapped.
        for (NodeType type : GraphModel.nodeTypes()) {
            wiring.type(type.label(), t -> {
                t.dataFetcher("id", GraphQlFields::byKey);
                type.properties().forEach(p -> t.dataFetcher(p.name(), GraphQlFields::byKey));
                return t;
            });
        }
        for (TieType tie : GraphModel.tieTypes()) {
            wiring.type(tie.name(), t -> {
                for (String f : List.of("id", "tieKind", "since", "until", tie.fromName(), tie.toName())) {
                    t.dataFetcher(f, GraphQlFields::byKey);
                }
                tie.properties().forEach(p -> t.dataFetcher(p.name(), GraphQlFields::byKey));
                return t;
            });
        }
        tieFields.forEach((field, tie) ->
                wiring.type(field.label(), t -> t.dataFetcher(field.name(), tieFetcher(tie.type(), tie.direction()))));
        for (TieType tie : GraphModel.tieTypes()) {
            wiring.type(
                    tie.name(), t -> t.dataFetcher("active", env -> active(((GraphTie) env.getSource()).properties())));
        }
        wiring.type("Project", t -> t.dataFetcher("signedRate", env -> signedRate(env.getSource())));
    }

    /**
     * A lookup by id. When the request asks for tie fields of the node, they are read in the same
     * statement as the node and handed to their DataLoaders (primed), which then answer them without a
     * statement of their own: {@code partyOrganization(id) { posts {…} subordinates {…} }} is one
     * statement, not three. Deeper tie fields are batched by their loaders as before.
     */
    private GraphNode lookup(NodeType type, DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        var requests = new LinkedHashSet<EntityService.TieRequest>();
        for (SelectedField field : env.getSelectionSet().getImmediateFields()) {
            var tie = tieFields.get(new Field(type.label(), field.getName()));
            if (tie != null) {
                Map<String, Object> arguments = field.getArguments();
                requests.add(new EntityService.TieRequest(
                        tie.type(),
                        tie.direction(),
                        (LocalDate) arguments.get("asOf"),
                        Boolean.TRUE.equals(arguments.get("includeEnded"))));
            }
        }
        if (requests.isEmpty()) {
            return service.node(type, id);
        }
        var found = service.nodeWithTies(type, id, List.copyOf(requests));
        if (found == null) {
            return null;
        }
        var loader = env.<TieLoad, List<GraphTie>>getDataLoader(TIES);
        found.ties()
                .forEach((request, ties) -> loader.prime(
                        new TieLoad(
                                new TieField(request.type(), request.direction()),
                                new EntityService.TieKey(id, request.asOf(), request.includeEnded())),
                        ties));
        return found.node();
    }

    /** A field of a node type's GraphQL object type. */
    private record Field(String label, String name) {}

    /** A tie field of a node type: which tie, from which end. */
    private record TieField(TieType type, TieRepository.Direction direction) {}

    /** Every tie field of every node type: what the tie fields are wired to and what a lookup reads. */
    private static Map<Field, TieField> tieFields() {
        // in the model's order, a later tie's field replacing an earlier one's of the same name, as wiring did
        var fields = new java.util.LinkedHashMap<Field, TieField>();
        for (TieType tie : GraphModel.tieTypes()) {
            tie.fromLabels()
                    .forEach(l ->
                            fields.put(new Field(l, tie.outField()), new TieField(tie, TieRepository.Direction.OUT)));
            tie.toLabels()
                    .forEach(l ->
                            fields.put(new Field(l, tie.inField()), new TieField(tie, TieRepository.Direction.IN)));
        }
        return java.util.Collections.unmodifiableMap(fields);
    }

    private DataFetcher<Object> tieFetcher(TieType tie, TieRepository.Direction direction) {
        var field = new TieField(tie, direction);
        return env -> {
            GraphNode source = env.getSource();
            LocalDate asOf = env.getArgument("asOf");
            boolean all = Boolean.TRUE.equals(env.getArgument("includeEnded"));
            // For a caller with a jurisdiction, the ties leaving it are left out by the access layer's
            // guard on every tie list (security.OutsideLeftOut).
            return env.<TieLoad, List<GraphTie>>getDataLoader(TIES)
                    .load(new TieLoad(field, new EntityService.TieKey(source.id(), asOf, all)));
        };
    }

    private Object search(DataFetchingEnvironment env) {
        String text = env.getArgument("text");
        int first = Paging.first(env.getArgument("first"));
        if (text == null || text.isBlank()) {
            throw ApiException.validation("text must not be empty");
        }
        List<String> types = env.getArgument("types");
        return search.search(text.strip(), types, first, jurisdictions.within(Caller.of(env))).stream()
                .map(r -> Map.of("node", GraphNode.of(r.get("node")), "score", r.get("score")))
                .toList();
    }

    private PageConnection<GraphNode> page(NodeType type, DataFetchingEnvironment env) {
        String after = env.getArgument("after");
        String afterName = null;
        String afterId = null;
        if (after != null) {
            var keys = KeysetCursors.decode(after);
            afterName = (String) keys.get("name");
            afterId = (String) keys.get("id");
        }
        String order = env.getArgumentOrDefault("orderBy", "NAME_ASC");
        int first = Paging.first(env.getArgument("first"));
        var query = new ListQuery(
                env.getArgument("kinds"),
                env.getArgument("nameContains"),
                ListQuery.Order.valueOf(order),
                first,
                afterName,
                afterId,
                jurisdictions.within(Caller.of(env)));
        var page = service.page(type, query);
        return PageConnection.of(page.rows(), first, page.total(), node -> {
            var keys = new HashMap<String, Object>();
            keys.put("name", node.get("name"));
            keys.put("id", node.get("id"));
            return KeysetCursors.encode(keys);
        });
    }

    private boolean active(Map<String, Object> tie) {
        LocalDate now = today.date();
        var since = (LocalDate) tie.get("since");
        var until = (LocalDate) tie.get("until");
        return (since == null || !since.isAfter(now)) && (until == null || until.isAfter(now));
    }

    private static Double signedRate(Map<String, Object> project) {
        if (!(project.get("households") instanceof Number households)
                || !(project.get("signedHouseholds") instanceof Number signed)
                || households.longValue() == 0) {
            return null;
        }
        return Math.round(signed.doubleValue() / households.doubleValue() * 10000) / 10000.0;
    }
}

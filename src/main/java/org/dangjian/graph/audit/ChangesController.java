package org.dangjian.graph.audit;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Set;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.NodeType;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Jurisdictions;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code changes} subscription: the committed changes ({@link Changes}) a subscriber may see,
 * filtered off the writers' threads: by types (the ids' prefixes), by scope (some node it names lies
 * inside the scope) and, for a caller with a jurisdiction, by the rule of the audit trail (some node
 * it names lies inside, none outside). The scope of a restricted caller has been set to their
 * jurisdiction, or checked to lie inside it, by the access layer.
 */
@Controller
class ChangesController {

    private final Changes changes;
    private final Jurisdictions jurisdictions;

    ChangesController(Changes changes, Jurisdictions jurisdictions) {
        this.changes = changes;
        this.jurisdictions = jurisdictions;
    }

    @SubscriptionMapping
    Flux<Changes.Change> changes(@Argument String scope, @Argument List<String> types, DataFetchingEnvironment env) {
        Caller caller = Caller.of(env);
        var prefixes = GraphModel.nodeTypes().stream()
                .filter(t -> types == null || types.contains(t.label()))
                .map(NodeType::idPrefix)
                .map(p -> p + "-")
                .toList();
        var allPrefixes =
                GraphModel.nodeTypes().stream().map(t -> t.idPrefix() + "-").toList();
        return changes.stream()
                .publishOn(Schedulers.boundedElastic())
                .filter(change -> visible(change, caller, scope, prefixes, allPrefixes));
    }

    private boolean visible(
            Changes.Change change, Caller caller, String scope, List<String> prefixes, List<String> allPrefixes) {
        var nodes = change.ids().stream()
                .filter(id -> allPrefixes.stream().anyMatch(id::startsWith))
                .toList();
        if (nodes.stream().noneMatch(id -> prefixes.stream().anyMatch(id::startsWith))) {
            return false;
        }
        if (scope != null) {
            var within = jurisdictions
                    .inside(new Caller(caller.name(), caller.roles(), Set.of(scope)))
                    .ids();
            if (nodes.stream().noneMatch(within::contains)) {
                return false;
            }
        }
        var inside = jurisdictions.inside(caller);
        return inside == null || (!nodes.isEmpty() && nodes.stream().allMatch(inside::contains));
    }
}

package org.dangjian.graph.audit;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import org.dangjian.graph.model.GraphModel;
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
        return changes.stream()
                .publishOn(Schedulers.boundedElastic())
                .filter(change -> visible(change, caller, scope, types));
    }

    private boolean visible(Changes.Change change, Caller caller, String scope, List<String> types) {
        var nodes = change.ids().stream()
                .filter(id -> GraphModel.nodeTypeOfId(id).isPresent())
                .toList();
        if (types != null
                && nodes.stream()
                        .noneMatch(id -> types.contains(
                                GraphModel.nodeTypeOfId(id).orElseThrow().label()))) {
            return false;
        }
        if (nodes.isEmpty()) {
            return false;
        }
        if (scope != null
                && nodes.stream().noneMatch(jurisdictions.of(List.of(scope)).ids()::contains)) {
            return false;
        }
        var inside = jurisdictions.inside(caller);
        return inside == null || inside.insideOf(nodes).containsAll(nodes);
    }
}

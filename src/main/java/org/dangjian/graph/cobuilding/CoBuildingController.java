package org.dangjian.graph.cobuilding;

import graphql.schema.DataFetchingEnvironment;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Jurisdictions;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Maps the co-building questions and the network graphs. */
@Controller
class CoBuildingController {

    private final CoBuildingService coBuilding;
    private final NetworkService networks;

    private final Jurisdictions jurisdictions;

    CoBuildingController(CoBuildingService coBuilding, NetworkService networks, Jurisdictions jurisdictions) {
        this.coBuilding = coBuilding;
        this.networks = networks;
        this.jurisdictions = jurisdictions;
    }

    /** The ids inside the caller's jurisdiction; null for a caller of the whole graph. */
    private Set<String> within(DataFetchingEnvironment env) {
        return jurisdictions.within(Caller.of(env));
    }

    @QueryMapping
    CoBuildingService.CoBuilding coBuilding(@Argument String id, @Argument LocalDate asOf) {
        return coBuilding.coBuilding(id, asOf);
    }

    @QueryMapping
    NetworkService.NetworkGraph network(
            @Argument List<String> rootIds,
            @Argument Integer depth,
            @Argument List<String> nodeTypes,
            @Argument List<String> relationshipTypes,
            @Argument LocalDate asOf,
            @Argument Integer limit,
            DataFetchingEnvironment env) {
        return networks.network(rootIds, depth, nodeTypes, relationshipTypes, asOf, limit, within(env));
    }

    @QueryMapping
    NetworkService.NetworkGraph connection(
            @Argument String fromId,
            @Argument String toId,
            @Argument Integer maxDepth,
            @Argument LocalDate asOf,
            DataFetchingEnvironment env) {
        return networks.connection(fromId, toId, maxDepth, asOf, within(env));
    }

    @QueryMapping
    List<CoBuildingService.Bridge> bridges(@Argument String scope, @Argument Integer first, @Argument LocalDate asOf) {
        return coBuilding.bridges(scope, first, asOf);
    }

    @QueryMapping
    List<CoBuildingService.UnpairedArea> unpairedAreas(@Argument String scope, @Argument LocalDate asOf) {
        return coBuilding.unpairedAreas(scope, asOf);
    }
}

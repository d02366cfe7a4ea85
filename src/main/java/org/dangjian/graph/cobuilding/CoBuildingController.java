package org.dangjian.graph.cobuilding;

import java.time.LocalDate;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Maps the co-building questions and the network graphs. */
@Controller
class CoBuildingController {

    private final CoBuildingService coBuilding;
    private final NetworkService networks;

    CoBuildingController(CoBuildingService coBuilding, NetworkService networks) {
        this.coBuilding = coBuilding;
        this.networks = networks;
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
            @Argument Integer limit) {
        return networks.network(rootIds, depth, nodeTypes, relationshipTypes, asOf, limit);
    }

    @QueryMapping
    NetworkService.NetworkGraph connection(
            @Argument String fromId, @Argument String toId, @Argument Integer maxDepth, @Argument LocalDate asOf) {
        return networks.connection(fromId, toId, maxDepth, asOf);
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

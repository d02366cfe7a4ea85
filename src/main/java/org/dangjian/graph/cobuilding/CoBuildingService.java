package org.dangjian.graph.cobuilding;

import static org.dangjian.graph.queries.Rows.list;
import static org.dangjian.graph.queries.Rows.number;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.paging.Paging;
import org.dangjian.graph.queries.NamedQueries;
import org.dangjian.graph.time.Today;
import org.springframework.stereotype.Service;

/** Who is tied to whom around an area or an organization, which units bridge communities, which communities have no pairing. */
@Service
class CoBuildingService {

    record PartTimeMember(GraphNode person, GraphNode organization, GraphNode unit, LocalDate since) {}

    record CoBuildingPairing(String id, String program, LocalDate since, GraphNode partner, GraphNode target) {}

    record JointBranch(GraphNode branch, List<GraphNode> units) {}

    record ContractedGrid(GraphNode grid, GraphNode unit, LocalDate since) {}

    record CoBuildingResource(GraphNode resource, List<GraphNode> providers) {}

    record ChannelCounts(
            long partTimeMembers, long pairings, long jointBranchUnits, long contractedGrids, long resources) {}

    record CoBuilding(
            GraphNode root,
            List<GraphNode> organizations,
            List<PartTimeMember> partTimeMembers,
            List<CoBuildingPairing> pairings,
            List<JointBranch> jointBranches,
            List<ContractedGrid> contractedGrids,
            List<CoBuildingResource> resources,
            ChannelCounts counts,
            long score) {}

    record Bridge(GraphNode node, long communities, List<String> channels, List<String> examples) {}

    record UnpairedArea(GraphNode area, String partOf) {}

    private final NamedQueries queries;
    private final Today today;

    CoBuildingService(NamedQueries queries, Today today) {
        this.queries = queries;
        this.today = today;
    }

    public CoBuilding coBuilding(String id, LocalDate asOf) {
        queries.scope(id);
        var row = queries.row("cobuilding", Map.of("id", id, "asOf", today.orToday(asOf)));
        var partTime = list(row.get("partTimeMembers")).stream()
                .map(m -> new PartTimeMember(
                        GraphNode.of(m.get("person")),
                        GraphNode.of(m.get("organization")),
                        GraphNode.of(m.get("unit")),
                        (LocalDate) m.get("since")))
                .toList();
        var pairings = list(row.get("pairings")).stream()
                .map(p -> new CoBuildingPairing(
                        (String) p.get("id"),
                        (String) p.get("program"),
                        (LocalDate) p.get("since"),
                        GraphNode.of(p.get("partner")),
                        GraphNode.of(p.get("target"))))
                .toList();
        var joint = list(row.get("jointBranches")).stream()
                .map(j -> new JointBranch(GraphNode.of(j.get("branch")), GraphNode.list(j.get("units"))))
                .toList();
        var grids = list(row.get("contractedGrids")).stream()
                .map(g -> new ContractedGrid(
                        GraphNode.of(g.get("grid")), GraphNode.of(g.get("unit")), (LocalDate) g.get("since")))
                .toList();
        var resources = list(row.get("resources")).stream()
                .map(r -> new CoBuildingResource(GraphNode.of(r.get("resource")), GraphNode.list(r.get("providers"))))
                .toList();
        var counts = new ChannelCounts(
                partTime.size(),
                pairings.size(),
                joint.stream().mapToLong(j -> j.units().size()).sum(),
                grids.size(),
                resources.size());
        return new CoBuilding(
                GraphNode.of(row.get("root")),
                GraphNode.list(row.get("organizations")),
                partTime,
                pairings,
                joint,
                grids,
                resources,
                counts,
                number(row, "score"));
    }

    public List<Bridge> bridges(String scope, Integer first, LocalDate asOf) {
        int n = Paging.first(first);
        var params = new HashMap<String, Object>();
        params.put("scopeAreaIds", scopeAreas(scope, asOf));
        params.put("asOf", today.orToday(asOf));
        params.put("first", n);
        return queries.rows("bridges", params).stream()
                .map(r -> new Bridge(
                        GraphNode.of(r.get("node")),
                        number(r, "communities"),
                        strings(r.get("channels")),
                        strings(r.get("examples"))))
                .toList();
    }

    public List<UnpairedArea> unpairedAreas(String scope, LocalDate asOf) {
        var params = new HashMap<String, Object>();
        params.put("scopeAreaIds", scopeAreas(scope, asOf));
        params.put("asOf", today.orToday(asOf));
        return queries.rows("unpaired-areas", params).stream()
                .map(r -> new UnpairedArea(GraphNode.of(r.get("area")), (String) r.get("partOf")))
                .toList();
    }

    private List<String> scopeAreas(String scope, LocalDate asOf) {
        if (scope == null) {
            return null;
        }
        queries.scope(scope);
        return queries.scopeMembers("scope-areas", scope, today.orToday(asOf));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : List.copyOf((List<String>) value);
    }
}

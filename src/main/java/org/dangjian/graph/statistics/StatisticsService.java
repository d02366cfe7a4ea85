package org.dangjian.graph.statistics;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.entity.EntityService;
import org.dangjian.graph.support.ApiException;
import org.dangjian.graph.support.CypherCatalogue;
import org.dangjian.graph.support.Graph;
import org.dangjian.graph.support.Today;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Runs the named queries {@code statistics} and {@code statistics-all}: one statement per request. */
@Service
class StatisticsService {

    private final CypherCatalogue catalogue;
    private final Graph graph;
    private final EntityService entities;
    private final Today today;

    StatisticsService(CypherCatalogue catalogue, Graph graph, EntityService entities, Today today) {
        this.catalogue = catalogue;
        this.graph = graph;
        this.entities = entities;
        this.today = today;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> statistics(String scope, LocalDate asOf) {
        var params = new HashMap<String, Object>();
        params.put("asOf", today.orToday(asOf));
        Map<String, Object> scopeNode = null;
        String query = "statistics-all";
        if (scope != null) {
            scopeNode = entities.node(scope);
            if (scopeNode == null) {
                throw ApiException.notFound("No node with id " + scope);
            }
            if (!List.of("Area", "PartyOrganization").contains(scopeNode.get("__type"))) {
                throw ApiException.validation("The scope must be an Area or a PartyOrganization; " + scope + " is a "
                        + scopeNode.get("__type"));
            }
            params.put("scope", scope);
            query = "statistics";
        }
        var row = new HashMap<>(graph.row(catalogue.get(query).cypher(), params));
        row.put("scope", scopeNode);
        row.put("asOf", params.get("asOf"));
        row.put("nodeTotal", sum(row.get("nodes")));
        row.put("tieTotal", sum(row.get("ties")));
        return row;
    }

    @SuppressWarnings("unchecked")
    private static long sum(Object rows) {
        return ((List<Map<String, Object>>) rows)
                .stream().mapToLong(r -> ((Number) r.get("count")).longValue()).sum();
    }
}

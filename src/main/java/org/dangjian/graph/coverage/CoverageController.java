package org.dangjian.graph.coverage;

import graphql.schema.DataFetchingEnvironment;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.support.PageConnection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Maps the coverage queries. The page of uncovered units is fetched with the report itself, in the
 * same statement, so its arguments are read from the selection here.
 */
@Controller
class CoverageController {

    private final CoverageService service;

    CoverageController(CoverageService service) {
        this.service = service;
    }

    @QueryMapping
    Reports.CoverageReport coverage(
            @Argument String scope,
            @Argument List<String> unitKinds,
            @Argument String groupBy,
            @Argument LocalDate asOf,
            DataFetchingEnvironment env) {
        var uncovered = env.getSelectionSet().getFields("uncovered");
        Map<String, Object> args =
                uncovered.isEmpty() ? Map.of() : uncovered.getFirst().getArguments();
        int first = args.get("first") instanceof Integer n ? n : 20;
        return service.coverage(scope, unitKinds, groupBy, asOf, first, (String) args.get("after"));
    }

    @SchemaMapping
    PageConnection<Reports.UncoveredUnit> uncovered(Reports.CoverageReport report) {
        return report.uncoveredPage();
    }

    @QueryMapping
    Reports.CompoundCoverageReport compoundCoverage(
            @Argument String scope, @Argument List<String> compoundKinds, @Argument LocalDate asOf) {
        return service.compoundCoverage(scope, compoundKinds, asOf);
    }

    @QueryMapping
    Reports.GridCoverageReport gridCoverage(@Argument String scope, @Argument LocalDate asOf) {
        return service.gridCoverage(scope, asOf);
    }
}

package org.dangjian.graph.coverage;

import graphql.schema.DataFetchingEnvironment;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dangjian.graph.model.UnitKind;
import org.dangjian.graph.paging.PageConnection;
import org.dangjian.graph.paging.Paging;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Maps the coverage queries. The page of uncovered units is fetched with the report itself, in the
 * same statement, with the arguments of the first {@code uncovered} selection; any other selection
 * (an alias asking another page) fetches its own page with its own arguments.
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
            @Argument List<UnitKind> unitKinds,
            @Argument CoverageGrouping groupBy,
            @Argument LocalDate asOf,
            DataFetchingEnvironment env) {
        var uncovered = env.getSelectionSet().getFields("uncovered");
        Map<String, Object> args =
                uncovered.isEmpty() ? Map.of() : uncovered.getFirst().getArguments();
        int first = Paging.first(args.get("first") instanceof Integer n ? n : null);
        return service.coverage(scope, unitKinds, groupBy, asOf, first, (String) args.get("after"));
    }

    @SchemaMapping
    PageConnection<Reports.UncoveredUnit> uncovered(
            Reports.CoverageReport report, @Argument Integer first, @Argument String after) {
        var asked = report.request();
        int n = Paging.first(first);
        if (n == asked.first() && Objects.equals(after, asked.after())) {
            return report.uncoveredPage();
        }
        return service.coverage(asked.scope(), asked.unitKinds(), asked.groupBy(), asked.asOf(), n, after)
                .uncoveredPage();
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

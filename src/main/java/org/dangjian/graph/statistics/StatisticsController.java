package org.dangjian.graph.statistics;

import java.time.LocalDate;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class StatisticsController {

    private final StatisticsService service;

    StatisticsController(StatisticsService service) {
        this.service = service;
    }

    @QueryMapping
    StatisticsService.Statistics statistics(@Argument String scope, @Argument LocalDate asOf) {
        return service.statistics(scope, asOf);
    }
}

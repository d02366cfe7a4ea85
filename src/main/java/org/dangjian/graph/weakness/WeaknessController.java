package org.dangjian.graph.weakness;

import java.time.LocalDate;
import java.util.List;
import org.dangjian.graph.paging.PageConnection;
import org.dangjian.graph.paging.Paging;
import org.dangjian.graph.queries.Rows;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Maps designations, rectification, their statistics and the warning signs. */
@Controller
class WeaknessController {

    record DesignationPayload(DesignationRecord designation) {}

    record CategoryStats(
            String category,
            long designated,
            long identified,
            long rectifying,
            long rectified,
            long demonstrationSites,
            long activeDemonstrationSites) {}

    record WeaknessStats(LocalDate asOf, List<CategoryStats> categories, CategoryStats total) {}

    record DesignateWeakInput(
            String organizationId, LocalDate since, String category, List<String> reasons, String note) {}

    record StartRectificationInput(
            String designationId, String leaderId, List<String> supporterIds, String plan, LocalDate since) {}

    record RecordProgressInput(String designationId, LocalDate date, String note) {}

    record AcceptRectificationInput(String designationId, LocalDate acceptedOn, String note) {}

    record DesignateDemonstrationInput(String organizationId, LocalDate since, String category, String note) {}

    record EndDemonstrationInput(String designationId, LocalDate until) {}

    private final WeaknessService weakness;
    private final WarningService warnings;

    WeaknessController(WeaknessService weakness, WarningService warnings) {
        this.weakness = weakness;
        this.warnings = warnings;
    }

    @MutationMapping
    DesignationPayload designateWeak(@Argument DesignateWeakInput input) {
        return payload(weakness.designateWeak(
                input.organizationId(), input.since(), input.category(), input.reasons(), input.note()));
    }

    @MutationMapping
    DesignationPayload startRectification(@Argument StartRectificationInput input) {
        return payload(weakness.startRectification(
                input.designationId(), input.leaderId(), input.supporterIds(), input.plan(), input.since()));
    }

    @MutationMapping
    DesignationPayload recordRectificationProgress(@Argument RecordProgressInput input) {
        return payload(weakness.recordProgress(input.designationId(), input.date(), input.note()));
    }

    @MutationMapping
    DesignationPayload acceptRectification(@Argument AcceptRectificationInput input) {
        return payload(weakness.accept(input.designationId(), input.acceptedOn(), input.note()));
    }

    @MutationMapping
    DesignationPayload designateDemonstration(@Argument DesignateDemonstrationInput input) {
        return payload(
                weakness.designateDemonstration(input.organizationId(), input.since(), input.category(), input.note()));
    }

    @MutationMapping
    DesignationPayload endDemonstration(@Argument EndDemonstrationInput input) {
        return payload(weakness.endDemonstration(input.designationId(), input.until()));
    }

    @QueryMapping
    List<DesignationRecord> weakOrganizations(
            @Argument String scope, @Argument String status, @Argument String category, @Argument LocalDate asOf) {
        return weakness.weakOrganizations(scope, status, category, asOf).stream()
                .toList();
    }

    @QueryMapping
    WeaknessStats weakOrganizationStats(@Argument String scope, @Argument LocalDate asOf) {
        var categories = weakness.stats(scope, asOf).stream()
                .map(r -> new CategoryStats(
                        (String) r.get("category"),
                        Rows.number(r, "designated"),
                        Rows.number(r, "identified"),
                        Rows.number(r, "rectifying"),
                        Rows.number(r, "rectified"),
                        Rows.number(r, "demonstrationSites"),
                        Rows.number(r, "activeDemonstrationSites")))
                .toList();
        var total = new CategoryStats(
                "ALL",
                categories.stream().mapToLong(CategoryStats::designated).sum(),
                categories.stream().mapToLong(CategoryStats::identified).sum(),
                categories.stream().mapToLong(CategoryStats::rectifying).sum(),
                categories.stream().mapToLong(CategoryStats::rectified).sum(),
                categories.stream().mapToLong(CategoryStats::demonstrationSites).sum(),
                categories.stream()
                        .mapToLong(CategoryStats::activeDemonstrationSites)
                        .sum());
        return new WeaknessStats(asOf, categories, total);
    }

    @QueryMapping
    PageConnection<WarningService.WarningSign> warningSigns(
            @Argument String scope,
            @Argument List<String> rules,
            @Argument LocalDate asOf,
            @Argument Integer first,
            @Argument String after,
            graphql.schema.DataFetchingFieldSelectionSet selection) {
        return warnings.warningSigns(scope, rules, asOf, Paging.first(first), after, selection.contains("totalCount"));
    }

    @QueryMapping
    List<WarningRule> warningSignRules() {
        return warnings.rules();
    }

    private static DesignationPayload payload(DesignationRecord record) {
        return new DesignationPayload(record);
    }
}

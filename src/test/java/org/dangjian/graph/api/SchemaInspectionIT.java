package org.dangjian.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.dangjian.graph.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class SchemaInspectionIT {

    @Autowired
    SchemaInspection inspection;

    @Test
    void everySchemaFieldArgumentAndRegistrationIsMapped() {
        var report = inspection.report();
        assertThat(report).isNotNull();
        assertThat(report.unmappedFields()).as("unmapped fields").isEmpty();
        assertThat(report.unmappedArguments()).as("unmapped arguments").isEmpty();
        assertThat(report.unmappedRegistrations()).as("unmapped registrations").isEmpty();
    }
}

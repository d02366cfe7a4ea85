package org.dangjian.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class SchemaInspectionIT {

    @Autowired
    SchemaInspection inspection;

    @LocalServerPort
    int port;

    /** The schema served is the SDL completed from its @tie declarations, printed for any signed-in role. */
    @Test
    void theCompletedSchemaIsPrintedAtGraphqlSchema() throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql/schema"))
                                .header("Authorization", GraphApi.basic("viewer"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("reportsTo(asOf: Date, includeEnded: Boolean = false): [ReportingLine!]!")
                .contains("type ReportingLine implements Tie")
                .contains("tieKind: TieKind!")
                .contains("`(:PartyOrganization)-[:REPORTS_TO]->(:PartyOrganization)` in the graph")
                .contains("REPORTING_LINE");
        var anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql/schema"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void everySchemaFieldArgumentAndRegistrationIsMapped() {
        var report = inspection.report();
        assertThat(report).isNotNull();
        assertThat(report.unmappedFields()).as("unmapped fields").isEmpty();
        assertThat(report.unmappedArguments()).as("unmapped arguments").isEmpty();
        assertThat(report.unmappedRegistrations()).as("unmapped registrations").isEmpty();
    }
}

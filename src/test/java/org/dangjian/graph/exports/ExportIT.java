package org.dangjian.graph.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Exports of the sample graph: read back by another GraphML reader, as JSON, as CSV that imports again, as forms. */
@IntegrationTest
class ExportIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    final JsonMapper json = JsonMapper.builder().build();

    HttpResponse<byte[]> get(String user, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", GraphApi.basic(user))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    String id(String query, String path) throws Exception {
        var response = GraphApi.post(port, GraphApi.basic("viewer"), query, Map.of());
        return json.readTree(response.body()).at(path).asString();
    }

    String bigCommunity() throws Exception {
        return id(
                "{ areas(kinds: [BIG_COMMUNITY], nameContains: \"城北\", first: 1) { nodes { id } } }",
                "/data/areas/nodes/0/id");
    }

    @Test
    void aScopeAsGraphmlReadsInAnotherReaderAndAgreesWithTheJson() throws Exception {
        String scope = bigCommunity();
        var graphml = get("viewer", "/exports/graph.graphml?scope=" + scope + "&asOf=2020-03-01");
        assertThat(graphml.statusCode()).isEqualTo(200);
        assertThat(graphml.headers().firstValue("Content-Disposition").orElse(""))
                .contains("graph.graphml");

        var graph = new DirectedPseudograph<String, String>(
                org.jgrapht.util.SupplierUtil.createStringSupplier(),
                org.jgrapht.util.SupplierUtil.createStringSupplier(),
                false);
        var types = new HashMap<String, String>();
        var importer = new GraphMLImporter<String, String>();
        importer.setVertexFactory(v -> v);
        importer.addVertexAttributeConsumer((pair, attribute) -> {
            if (pair.getSecond().equals("type")) {
                types.put(pair.getFirst(), ((Attribute) attribute).getValue());
            }
        });
        importer.importGraph(
                graph, new InputStreamReader(new ByteArrayInputStream(graphml.body()), StandardCharsets.UTF_8));
        assertThat(graph.vertexSet()).hasSizeGreaterThan(50).contains(scope);
        assertThat(graph.edgeSet()).isNotEmpty();
        assertThat(types.values()).contains("Area", "PartyOrganization", "Unit", "Person");

        var cytoscape = get("viewer", "/exports/graph.json?scope=" + scope + "&asOf=2020-03-01");
        assertThat(cytoscape.statusCode()).isEqualTo(200);
        JsonNode elements = json.readTree(cytoscape.body()).get("elements");
        assertThat(elements.get("nodes").size()).isEqualTo(graph.vertexSet().size());
        assertThat(elements.get("edges").size()).isEqualTo(graph.edgeSet().size());
        var first = elements.get("edges").get(0).get("data");
        assertThat(first.get("source").asString()).isNotBlank();
        assertThat(first.get("kind").asString()).isNotBlank();
        // Every edge joins two exported nodes.
        var ids = new java.util.HashSet<String>();
        elements.get("nodes").forEach(n -> ids.add(n.get("data").get("id").asString()));
        elements.get("edges").forEach(e -> {
            assertThat(ids)
                    .contains(
                            e.get("data").get("source").asString(),
                            e.get("data").get("target").asString());
        });
    }

    @Test
    void personalValuesAreMaskedForAViewerAndOpenForAnEditor() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var created = GraphApi.post(
                port,
                GraphApi.basic("editor"),
                "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }",
                Map.of("i", Map.of("name", "导出" + tag, "phone", "13912345678")));
        String person =
                json.readTree(created.body()).at("/data/createPerson/person/id").asString();
        var viewer = new String(get("viewer", "/exports/Person.csv").body(), StandardCharsets.UTF_8);
        var editor = new String(get("editor", "/exports/Person.csv").body(), StandardCharsets.UTF_8);
        String viewerLine =
                viewer.lines().filter(l -> l.contains(person)).findFirst().orElseThrow();
        String editorLine =
                editor.lines().filter(l -> l.contains(person)).findFirst().orElseThrow();
        assertThat(viewerLine)
                .contains("139****5678")
                .doesNotContain("13912345678")
                .doesNotContain("sealed:");
        assertThat(editorLine).contains("13912345678");
        var graphml = new String(get("viewer", "/exports/graph.graphml").body(), StandardCharsets.UTF_8);
        assertThat(graphml)
                .doesNotContain("13912345678")
                .doesNotContain("sealed:")
                .contains("139****5678");
    }

    @Test
    void aCsvOfAScopeIsTheImportsFormatAndImportsAgainUnchanged() throws Exception {
        String scope = bigCommunity();
        var csv = get("editor", "/exports/Unit.csv?scope=" + scope);
        assertThat(csv.statusCode()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF标识,单位名称,单位类别");
        long rows = text.lines().count() - 1;
        assertThat(rows).isPositive();
        // Send it back as a dry run: every row is found and equal.
        String boundary = "----pg" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nUnit\r\n--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Unit.csv\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(csv.body());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var posted = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/imports"))
                        .header("Authorization", GraphApi.basic("editor"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String job = json.readTree(posted.body()).get("id").asString();
        JsonNode done;
        do {
            Thread.sleep(50);
            done = json.readTree(get("editor", "/imports/" + job).body());
        } while (done.get("status").asString().equals("VALIDATING"));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("VALID");
        assertThat(done.get("unchanged").asLong()).isEqualTo(rows);
        assertThat(done.get("created").asLong()).isZero();
        assertThat(done.get("updated").asLong()).isZero();

        var ties = new String(
                get("viewer", "/exports/Membership.csv?scope=" + scope).body(), StandardCharsets.UTF_8);
        assertThat(ties).startsWith("\uFEFF起点,终点,开始日期,结束日期,党员类别");
        assertThat(ties).contains("正式党员");
    }

    @Test
    void theFormsCarryTheirTitleHeadersAndPercentages() throws Exception {
        String city = id("{ areas(kinds: [CITY], first: 1) { nodes { id } } }", "/data/areas/nodes/0/id");
        var response =
                get("viewer", "/exports/reports/coverage.xlsx?scope=" + city + "&asOf=2020-03-01&groupBy=UNIT_KIND");
        assertThat(response.statusCode()).isEqualTo(200);
        var answer = json.readTree(GraphApi.post(
                                port,
                                GraphApi.basic("viewer"),
                                "query($s: ID) { coverage(scope: $s, asOf: \"2020-03-01\", groupBy: UNIT_KIND) { total organizationalRate { value } groups { label total } } }",
                                Map.of("s", city))
                        .body())
                .at("/data/coverage");
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
                    .contains("党组织覆盖情况")
                    .contains("2020-03-01");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("分组");
            assertThat(sheet.getRow(1).getCell(6).getStringCellValue()).isEqualTo("组织覆盖率");
            int groups = answer.get("groups").size();
            String label = answer.get("groups").get(0).get("label").asString();
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue())
                    .as("unit kinds in Chinese")
                    .isEqualTo(org.dangjian.graph.model.GraphModel.enumLabels("UnitKind")
                            .getOrDefault(label, label));
            var total = sheet.getRow(2 + groups);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(total.getCell(1).getNumericCellValue())
                    .isEqualTo(answer.get("total").asDouble());
            assertThat(total.getCell(6).getNumericCellValue())
                    .isEqualTo(answer.at("/organizationalRate/value").asDouble());
            assertThat(total.getCell(6).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
        }
        for (String form : new String[] {
            "should-build", "weak-organizations", "warning-signs", "grid-coverage", "compound-coverage"
        }) {
            var r = get("viewer", "/exports/reports/" + form + ".xlsx?scope=" + city + "&asOf=2020-03-01");
            assertThat(r.statusCode())
                    .as(form + ": " + new String(r.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            try (var book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
                assertThat(book.getSheetAt(0).getLastRowNum())
                        .as(form + " has rows")
                        .isGreaterThan(1);
            }
        }
        int signs = json.readTree(GraphApi.post(
                                port,
                                GraphApi.basic("viewer"),
                                "query($s: ID) { warningSigns(scope: $s, asOf: \"2020-03-01\", first: 0) { totalCount } }",
                                Map.of("s", city))
                        .body())
                .at("/data/warningSigns/totalCount")
                .asInt();
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(
                get("viewer", "/exports/reports/warning-signs.xlsx?scope=" + city + "&asOf=2020-03-01")
                        .body()))) {
            assertThat(book.getSheetAt(0).getLastRowNum() - 1)
                    .as("every finding, paged through")
                    .isEqualTo(signs);
        }
    }

    @Test
    void unknownScopesTypesAndFormsAreRefusedBeforeTheDownload() throws Exception {
        assertThat(get("viewer", "/exports/graph.graphml?scope=area-nowhere").statusCode())
                .isEqualTo(404);
        assertThat(get("viewer", "/exports/Nothing.csv").statusCode()).isEqualTo(404);
        assertThat(get("viewer", "/exports/reports/nothing.xlsx").statusCode()).isEqualTo(404);
        assertThat(get("viewer", "/exports/reports/coverage.xlsx?scope=area-nowhere")
                        .statusCode())
                .isEqualTo(404);
        var anonymous = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/exports/graph.json"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}

package org.dangjian.graph.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports through {@code POST /imports} as a department would send them: UTF-8 and GBK CSV, .xlsx,
 * nodes and ties, dry runs and commits, a second import of the same file, and every kind of bad file,
 * each leaving the graph as it was.
 */
@IntegrationTest
class ImportIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Charset GBK = Charset.forName("GBK");

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Autowired
    ImportService imports;

    final JsonMapper json = JsonMapper.builder().build();

    /** Nodes of the model and their ties: what an import may change (jobs and the audit trail aside). */
    Map<String, Object> graph() {
        try (var session = driver.session()) {
            return session.run("""
                    CALL () { MATCH (n:Entity) RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeProps }
                    CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS ties, count(r.until) AS ended,
                              sum(size(keys(r))) AS tieProps }
                    RETURN nodes, nodeProps, ties, ended, tieProps""").single().asMap();
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------

    JsonNode upload(String user, String type, String fileName, byte[] content, boolean commit, boolean validOnly)
            throws Exception {
        var response = post(user, type, fileName, content, commit, validOnly);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return await(json.readTree(response.body()).get("id").asString());
    }

    HttpResponse<String> post(
            String user, String type, String fileName, byte[] content, boolean commit, boolean validOnly)
            throws Exception {
        String boundary = "----pg" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"commit\"\r\n\r\n" + commit + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"validOnly\"\r\n\r\n" + validOnly
                        + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/imports"))
                .header("Authorization", GraphApi.basic(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode await(String id) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var response = get("editor", "/imports/" + id);
            var job = json.readTree(response.body());
            String status = job.get("status").asString();
            if (!status.equals("VALIDATING") && !status.equals("COMMITTING")) {
                return job;
            }
            assertThat(System.nanoTime()).as("job " + id + " finishes").isLessThan(until);
            Thread.sleep(50);
        }
    }

    HttpResponse<String> get(String user, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", GraphApi.basic(user))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String user, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", GraphApi.basic(user))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] csv(Charset charset, boolean bom, String... lines) {
        var text = String.join("\r\n", lines) + "\r\n";
        byte[] bytes = text.getBytes(charset);
        if (!bom) {
            return bytes;
        }
        byte[] out = new byte[bytes.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, out, 3, bytes.length);
        return out;
    }

    static byte[] xlsx(java.util.function.Consumer<XSSFWorkbook> build) throws Exception {
        try (var book = new XSSFWorkbook();
                var out = new ByteArrayOutputStream()) {
            build.accept(book);
            book.write(out);
            return out.toByteArray();
        }
    }

    static void rows(org.apache.poi.ss.usermodel.Sheet sheet, Object[]... rows) {
        for (int r = 0; r < rows.length; r++) {
            var row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                Object v = rows[r][c];
                if (v instanceof Number n) {
                    row.createCell(c).setCellValue(n.doubleValue());
                } else if (v instanceof LocalDate d) {
                    var cell = row.createCell(c);
                    cell.setCellValue(d);
                    var style = sheet.getWorkbook().createCellStyle();
                    style.setDataFormat(sheet.getWorkbook()
                            .getCreationHelper()
                            .createDataFormat()
                            .getFormat("yyyy/m/d"));
                    cell.setCellStyle(style);
                } else if (v != null) {
                    row.createCell(c).setCellValue(v.toString());
                }
            }
        }
    }

    Map<String, Object> node(String label, String key, Object value) {
        try (var session = driver.session()) {
            var rows = session.run("MATCH (n:" + label + " {" + key + ": $v}) RETURN n {.*} AS n", Map.of("v", value))
                    .list();
            assertThat(rows).as(label + " " + key + "=" + value).hasSize(1);
            return rows.getFirst().get("n").asMap();
        }
    }

    // ---- tests -----------------------------------------------------------------------------------

    @Test
    void aUtf8CsvOfUnitsIsCheckedThenCommittedAndASecondImportChangesNothing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        byte[] file = csv(
                StandardCharsets.UTF_8,
                true,
                "单位名称,单位类别,统一社会信用代码,所属行业,职工人数",
                "导入测试科技有限公司" + tag + ",非公企业,IMP-" + tag + "-1,软件,35",
                "导入测试社会组织" + tag + ",SOCIAL_ORGANIZATION,IMP-" + tag + "-2,,12");
        var before = graph();
        var dry = upload("editor", "Unit", "units.csv", file, false, false);
        assertThat(dry.get("status").asString()).isEqualTo("VALID");
        assertThat(dry.get("format").asString()).isEqualTo("CSV");
        assertThat(dry.get("rows").asInt()).isEqualTo(2);
        assertThat(dry.get("created").asInt()).as("would create").isEqualTo(2);
        assertThat(graph()).as("a dry run writes nothing").isEqualTo(before);

        var done = upload("editor", "Unit", "units.csv", file, true, false);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMMITTED");
        assertThat(done.get("mode").asString()).isEqualTo("ATOMIC");
        assertThat(done.get("created").asInt()).isEqualTo(2);
        var unit = node("Unit", "code", "IMP-" + tag + "-1");
        assertThat(unit.get("kind")).isEqualTo("NON_PUBLIC_ENTERPRISE");
        assertThat(unit.get("staffCount")).isEqualTo(35L);
        assertThat(unit.get("id").toString()).startsWith("unit-");
        assertThat(node("Unit", "code", "IMP-" + tag + "-2").get("kind")).isEqualTo("SOCIAL_ORGANIZATION");

        var after = graph();
        var again = upload("editor", "Unit", "units.csv", file, true, false);
        assertThat(again.get("status").asString()).isEqualTo("COMMITTED");
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(2);
        assertThat(graph()).as("the same file twice changes nothing").isEqualTo(after);

        // A changed row updates its node, matched by code.
        byte[] changed = csv(
                StandardCharsets.UTF_8,
                false,
                "name,kind,code,staffCount",
                "导入测试科技有限公司" + tag + ",NON_PUBLIC_ENTERPRISE,IMP-" + tag + "-1,40");
        var update = upload("editor", "Unit", "units-en.csv", changed, true, false);
        assertThat(update.get("updated").asInt()).isEqualTo(1);
        assertThat(node("Unit", "code", "IMP-" + tag + "-1").get("staffCount")).isEqualTo(40L);
        assertThat(node("Unit", "code", "IMP-" + tag + "-1").get("industry"))
                .as("blank cells leave values")
                .isEqualTo("软件");
    }

    @Test
    void aGbkCsvWithChineseDatesAndLabelsIsRead() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        byte[] file = csv(
                GBK,
                false,
                "名称,组织类别,所属领域,组织代码,成立日期,本届换届日期",
                "导入党支部甲" + tag + ",党支部,两新组织党组织,ORG-" + tag + "-1,2020/3/1,2021年7月1日",
                "导入党支部乙" + tag + ",BRANCH,TWO_NEW,ORG-" + tag + "-2,43891,2021-07-01");
        assertThat(new String(file, StandardCharsets.UTF_8))
                .as("really not UTF-8")
                .contains("\uFFFD");
        var done = upload("editor", "PartyOrganization", "支部.csv", file, true, false);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMMITTED");
        var first = node("PartyOrganization", "code", "ORG-" + tag + "-1");
        assertThat(first.get("name")).isEqualTo("导入党支部甲" + tag);
        assertThat(first.get("kind")).isEqualTo("BRANCH");
        assertThat(first.get("foundedOn")).isEqualTo(LocalDate.of(2020, 3, 1));
        assertThat(first.get("electedOn")).isEqualTo(LocalDate.of(2021, 7, 1));
        assertThat(node("PartyOrganization", "code", "ORG-" + tag + "-2").get("foundedOn"))
                .as("an Excel serial number")
                .isEqualTo(LocalDate.of(2020, 3, 1));
    }

    @Test
    void anXlsxOfPersonsThenMembershipsByNameAndCodeAreImportedAndPersonalDataSealed() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String orgCode = "ORG-M-" + tag;
        upload(
                "editor",
                "PartyOrganization",
                "org.csv",
                csv(StandardCharsets.UTF_8, false, "名称,组织类别,所属领域,组织代码", "导入成员支部" + tag + ",党支部,社区/村党组织," + orgCode),
                true,
                false);
        byte[] persons = xlsx(book -> rows(
                book.createSheet("人员"),
                new Object[] {"姓名", "性别", "联系电话", "出生日期"},
                new Object[] {"李导入" + tag, "男", "13812345678", LocalDate.of(1980, 5, 6)},
                new Object[] {"王导入" + tag, "女", null, null}));
        var done = upload("editor", "Person", "党员花名册.xlsx", persons, true, false);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMMITTED");
        assertThat(done.get("format").asString()).isEqualTo("XLSX");
        var li = node("Person", "name", "李导入" + tag);
        assertThat(li.get("phone").toString()).as("sealed at rest").startsWith("sealed:");
        assertThat(li.get("gender")).isEqualTo("MALE");

        var persons2 = upload("editor", "Person", "党员花名册.xlsx", persons, true, false);
        assertThat(persons2.get("unchanged").asInt())
                .as("personal values compared opened")
                .isEqualTo(2);

        byte[] memberships = csv(
                StandardCharsets.UTF_8,
                false,
                "起点,终点,开始日期,党员类别",
                "李导入" + tag + "," + orgCode + ",2019-07-01,正式党员",
                "王导入" + tag + ",导入成员支部" + tag + ",2020/1/1,预备党员");
        var ties = upload("editor", "Membership", "组织关系.csv", memberships, true, false);
        assertThat(ties.get("status").asString()).as(ties.toString()).isEqualTo("COMMITTED");
        assertThat(ties.get("created").asInt()).isEqualTo(2);
        try (var session = driver.session()) {
            var status = session.run(
                            "MATCH (p:Person {name: $n})-[m:MEMBER_OF]->(o:PartyOrganization {code: $c}) RETURN m.status AS s, m.since AS since",
                            Map.of("n", "李导入" + tag, "c", orgCode))
                    .single();
            assertThat(status.get("s").asString()).isEqualTo("FORMAL");
            assertThat(status.get("since").asLocalDate()).isEqualTo(LocalDate.of(2019, 7, 1));
        }
        var before = graph();
        var again = upload("editor", "Membership", "组织关系.csv", memberships, true, false);
        assertThat(again.get("unchanged").asInt()).isEqualTo(2);
        assertThat(graph()).isEqualTo(before);

        // An overlapping membership is refused by the rules of addTie, in the dry run already.
        var overlap = upload(
                "editor",
                "Membership",
                "重叠.csv",
                csv(StandardCharsets.UTF_8, false, "起点,终点,开始日期,党员类别", "李导入" + tag + "," + orgCode + ",2021-01-01,正式党员"),
                true,
                false);
        assertThat(overlap.get("status").asString()).isEqualTo("INVALID");
        assertThat(overlap.get("problems").get(0).get("reason").asString()).contains("overlaps");
        assertThat(graph()).isEqualTo(before);
    }

    /**
     * A user with a jurisdiction (东风大社区) imports: a row naming a node outside it is refused as if the
     * node did not exist, the rows inside are written; their jobs are theirs alone.
     */
    @Test
    void aRestrictedEditorImportsOnlyRowsInsideTheirJurisdiction() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String inside;
        String outside;
        String person = "person-jurisdiction-" + tag;
        try (var session = driver.session()) {
            inside = session.run("MATCH (o:PartyOrganization {name: '东风社区党委'}) RETURN o.id AS id")
                    .single()
                    .get("id")
                    .asString();
            outside = session.run("MATCH (o:PartyOrganization {name: '城北社区党委'}) RETURN o.id AS id")
                    .single()
                    .get("id")
                    .asString();
            // tied to nothing yet: inside every jurisdiction
            session.run("CREATE (:Entity:Person {id: $id, name: $name})", Map.of("id", person, "name", "辖区导入" + tag));
        }
        var rows = csv(
                StandardCharsets.UTF_8,
                false,
                "起点,终点,开始日期,党员类别",
                person + "," + inside + ",2024-01-01,正式党员",
                person + "," + outside + ",2025-01-01,正式党员");
        var before = graph();
        var refused = upload("dongfeng", "Membership", "辖区.csv", rows, true, false);
        assertThat(refused.get("status").asString()).as(refused.toString()).isEqualTo("INVALID");
        assertThat(refused.get("problems")).hasSize(1);
        var problem = refused.get("problems").get(0);
        assertThat(problem.get("row").asInt()).isEqualTo(3);
        assertThat(problem.toString()).doesNotContain("城北");
        assertThat(graph()).isEqualTo(before);
        var partly = upload("dongfeng", "Membership", "辖区.csv", rows, true, true);
        assertThat(partly.get("created").asInt()).as(partly.toString()).isEqualTo(1);
        try (var session = driver.session()) {
            assertThat(session.run(
                                    "MATCH (:Person {id: $p})-[:MEMBER_OF]->(o) RETURN collect(o.id) AS ids",
                                    Map.of("p", person))
                            .single()
                            .get("ids")
                            .asList(v -> v.asString()))
                    .containsExactly(inside);
        }
        // another user's job is not theirs to read; their own is
        var editors = upload("editor", "Membership", "辖区.csv", rows, false, false);
        assertThat(get("dongfeng", "/imports/" + editors.get("id").asString()).statusCode())
                .isEqualTo(404);
        assertThat(get("dongfeng", "/imports/" + partly.get("id").asString()).statusCode())
                .isEqualTo(200);
        try (var session = driver.session()) {
            session.run("MATCH (p:Person {id: $id}) DETACH DELETE p", Map.of("id", person));
        }
    }

    /** The files under samples/, as the README tells to try them, in order; a second pass changes nothing. */
    @Test
    void theSamplesImportInOrder() throws Exception {
        var files = List.of(
                List.of("Unit", "单位.csv"),
                List.of("PartyOrganization", "党组织.csv"),
                List.of("Person", "人员.csv"),
                List.of("Membership", "党员组织关系.csv"),
                List.of("Establishment", "党组织组建于单位.csv"));
        for (var f : files) {
            byte[] content = Files.readAllBytes(java.nio.file.Path.of("samples", f.get(1)));
            var job = upload("editor", f.get(0), f.get(1), content, true, false);
            assertThat(job.get("status").asString()).as(f + " " + job).isEqualTo("COMMITTED");
        }
        var before = graph();
        for (var f : files) {
            byte[] content = Files.readAllBytes(java.nio.file.Path.of("samples", f.get(1)));
            var job = upload("editor", f.get(0), f.get(1), content, true, false);
            assertThat(job.get("created").asInt() + job.get("updated").asInt())
                    .as(f.get(1))
                    .isZero();
        }
        assertThat(graph()).isEqualTo(before);
        try (var session = driver.session()) {
            assertThat(session.run("""
                            MATCH (:Person)-[:MEMBER_OF]->(o:PartyOrganization {code: 'SAMPLE-ORG-1'})-[:ESTABLISHED_IN]->(u:Unit)
                            RETURN count(*) AS n, collect(DISTINCT u.name) AS units""").single().get("n").asLong()).isEqualTo(3);
        }
    }

    /**
     * Upserts check before they write: two uploads of the same new rows released together by a barrier
     * must not both create them. Jobs take turns (one import thread), so the second finds the first's.
     */
    @Test
    void theSameFileUploadedTwiceAtOnceCreatesEachRowOnce() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        byte[] file = csv(StandardCharsets.UTF_8, false, "姓名,性别", "并发甲" + tag + ",男", "并发乙" + tag + ",女");
        var barrier = new java.util.concurrent.CyclicBarrier(2);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<JsonNode>>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    barrier.await();
                    return upload("editor", "Person", "p.csv", file, true, false);
                }));
            }
            int created = 0;
            int unchanged = 0;
            for (var f : futures) {
                var job = f.get();
                assertThat(job.get("status").asString()).isEqualTo("COMMITTED");
                created += job.get("created").asInt();
                unchanged += job.get("unchanged").asInt();
            }
            assertThat(created).isEqualTo(2);
            assertThat(unchanged).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        node("Person", "name", "并发甲" + tag);
        node("Person", "name", "并发乙" + tag);
    }

    @Test
    void anAmbiguousNameIsRefusedWithItsCandidates() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        upload("editor", "Person", "p.csv", csv(StandardCharsets.UTF_8, false, "姓名", "同名" + tag), true, false);
        try (var session = driver.session()) {
            session.run("CREATE (:Entity:Person {id: 'person-dup-" + tag + "', name: '同名" + tag + "'})");
        }
        var before = graph();
        var job = upload(
                "editor",
                "Membership",
                "m.csv",
                csv(StandardCharsets.UTF_8, false, "起点,终点,党员类别", "同名" + tag + ",org-c000-0000015,正式党员"),
                true,
                false);
        assertThat(job.get("status").asString()).isEqualTo("INVALID");
        var problem = job.get("problems").get(0);
        assertThat(problem.get("reasonZh").asString()).contains("名称不唯一").contains("person-dup-" + tag);
        assertThat(problem.get("row").asInt()).isEqualTo(2);
        assertThat(graph()).isEqualTo(before);
    }

    /** Bad files: each is refused with a reason and changes nothing. */
    static Stream<Arguments> badFiles() throws Exception {
        String header = "名称,组织类别,所属领域,组织代码,成立日期";
        return Stream.of(
                Arguments.of(
                        "another format renamed",
                        "picture.csv",
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13},
                        "不是文本"),
                Arguments.of("text named .xlsx", "list.xlsx", "名称\n甲\n".getBytes(StandardCharsets.UTF_8), "不是 Excel"),
                Arguments.of(
                        "an unknown header",
                        "h.csv",
                        csv(StandardCharsets.UTF_8, false, header + ",备注栏", "甲,党支部,社区/村党组织,X1,2020-01-01,x"),
                        "未知的列"),
                Arguments.of(
                        "a missing required header",
                        "h.csv",
                        csv(StandardCharsets.UTF_8, false, "名称,组织代码", "甲,X1"),
                        "缺少必填列"),
                Arguments.of("a header only", "h.csv", csv(StandardCharsets.UTF_8, false, header), "没有数据行"),
                Arguments.of(
                        "duplicate codes",
                        "d.csv",
                        csv(
                                StandardCharsets.UTF_8,
                                false,
                                header,
                                "甲支部,党支部,社区/村党组织,DUP-1,2020-01-01",
                                "乙支部,党支部,社区/村党组织,DUP-1,2020-01-01"),
                        "与第 2 行重复"),
                Arguments.of(
                        "an unknown Chinese value",
                        "e.csv",
                        csv(StandardCharsets.UTF_8, false, header, "甲支部,党小队,社区/村党组织,E-1,2020-01-01"),
                        "不是可选的值"),
                Arguments.of(
                        "an unknown English value",
                        "e.csv",
                        csv(StandardCharsets.UTF_8, false, header, "甲支部,SQUAD,社区/村党组织,E-2,2020-01-01"),
                        "不是可选的值"),
                Arguments.of(
                        "a date that does not exist",
                        "f.csv",
                        csv(StandardCharsets.UTF_8, false, header, "甲支部,党支部,社区/村党组织,F-1,2020-02-30"),
                        "不是存在的日期"),
                Arguments.of(
                        "a cell over 32,767 characters",
                        "g.csv",
                        csv(
                                StandardCharsets.UTF_8,
                                false,
                                header,
                                "甲" + "长".repeat(40_000) + ",党支部,社区/村党组织,G-1,2020-01-01"),
                        "超过 32767"),
                Arguments.of(
                        "a control character",
                        "c.csv",
                        csv(StandardCharsets.UTF_8, false, header, "甲\u202e支部,党支部,社区/村党组织,C-1,2020-01-01"),
                        "不允许的字符"),
                Arguments.of(
                        "too many rows",
                        "big.csv",
                        csv(
                                StandardCharsets.UTF_8,
                                false,
                                Stream.concat(
                                                Stream.of(header),
                                                IntStream.range(0, 3001)
                                                        .mapToObj(i ->
                                                                "支部" + i + ",党支部,社区/村党组织,BIG-" + i + ",2020-01-01"))
                                        .toArray(String[]::new)),
                        "超过 3000 行"),
                Arguments.of(
                        "a formula",
                        "formula.xlsx",
                        xlsx(book -> {
                            var sheet = book.createSheet("组织");
                            rows(sheet, new Object[] {"名称", "组织类别", "所属领域"}, new Object[] {"甲支部", "党支部", "社区/村党组织"});
                            sheet.getRow(1).createCell(3).setCellFormula("1+1");
                        }),
                        "公式"),
                Arguments.of(
                        "merged cells",
                        "merged.xlsx",
                        xlsx(book -> {
                            var sheet = book.createSheet("组织");
                            rows(
                                    sheet,
                                    new Object[] {"名称", "组织类别", "所属领域"},
                                    new Object[] {"甲支部", "党支部", "社区/村党组织"},
                                    new Object[] {"乙支部", null, "社区/村党组织"});
                            sheet.addMergedRegion(new CellRangeAddress(1, 2, 1, 1));
                        }),
                        "合并单元格"),
                Arguments.of(
                        "a hidden sheet",
                        "hidden.xlsx",
                        xlsx(book -> {
                            rows(book.createSheet("组织"), new Object[] {"名称", "组织类别", "所属领域"}, new Object[] {
                                "甲支部", "党支部", "社区/村党组织"
                            });
                            book.createSheet("旧数据");
                            book.setSheetHidden(1, true);
                        }),
                        "隐藏的工作表"),
                Arguments.of("a zip bomb", "bomb.xlsx", zipBomb(), "压缩炸弹"));
    }

    /** A valid workbook whose sheet inflates to 200 MB of padding: over a thousand times its size. */
    static byte[] zipBomb() throws Exception {
        byte[] valid = xlsx(book -> rows(book.createSheet("组织"), new Object[] {"名称", "组织类别", "所属领域"}));
        var out = new ByteArrayOutputStream();
        try (var in = new ZipInputStream(new ByteArrayInputStream(valid));
                var zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().startsWith("xl/worksheets/")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf("?>") + 2;
                    zip.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] padding = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 200; i++) {
                        zip.write(padding);
                    }
                    zip.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    zip.write(content);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedWithAReasonAndChangesNothing(String what, String name, byte[] content, String reason)
            throws Exception {
        var before = graph();
        var job = upload("editor", "PartyOrganization", name, content, true, false);
        assertThat(job.get("status").asString()).as(what + ": " + job).isEqualTo("INVALID");
        String reasons = job.get("problems")
                .valueStream()
                .map(p -> p.get("reasonZh").asString())
                .collect(Collectors.joining(" | "));
        assertThat(reasons).as(what).contains(reason);
        assertThat(job.get("messageZh").asString()).as(what + ": " + job).isNotBlank();
        assertThat(graph()).as(what + " changes nothing").isEqualTo(before);
    }

    @Test
    void anEmptyUploadIsRefusedAtOnce() throws Exception {
        var response = post("editor", "Person", "empty.csv", new byte[0], true, false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("empty");
        assertThat(post("editor", "Nothing", "x.csv", "a\nb\n".getBytes(StandardCharsets.UTF_8), true, false)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void onlyTheValidRowsAreWrittenWhenAskedAndTheReportMarksTheOthers() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        byte[] file = csv(
                StandardCharsets.UTF_8,
                false,
                "单位名称,单位类别,统一社会信用代码",
                "有效单位甲" + tag + ",机关单位,V-" + tag + "-1",
                "无效单位" + tag + ",外星单位,V-" + tag + "-2",
                "有效单位乙" + tag + ",事业单位,V-" + tag + "-3");
        var before = graph();
        var refused = upload("editor", "Unit", "units.csv", file, true, false);
        assertThat(refused.get("status").asString()).isEqualTo("INVALID");
        assertThat(refused.get("invalidRows").asInt()).isEqualTo(1);
        assertThat(refused.get("messageZh").asString()).contains("未写入");
        assertThat(graph()).as("errors and no validOnly: nothing written").isEqualTo(before);

        var partial = upload("editor", "Unit", "units.csv", file, true, true);
        assertThat(partial.get("status").asString()).isEqualTo("COMMITTED");
        assertThat(partial.get("created").asInt()).isEqualTo(2);
        assertThat(partial.get("invalidRows").asInt()).isEqualTo(1);
        node("Unit", "code", "V-" + tag + "-1");
        node("Unit", "code", "V-" + tag + "-3");

        var report = getBytes("editor", "/imports/" + partial.get("id").asString() + "/report.xlsx");
        assertThat(report.statusCode()).isEqualTo(200);
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(report.body()))) {
            var problems = book.getSheet("问题");
            assertThat(problems.getRow(2).getCell(0).getNumericCellValue()).isEqualTo(3);
            assertThat(problems.getRow(2).getCell(1).getStringCellValue()).isEqualTo("单位类别");
            assertThat(problems.getRow(2).getCell(3).getStringCellValue()).contains("不是可选的值");
            var marked = book.getSheet("数据（问题已标红）");
            assertThat(marked.getRow(1).getCell(0).getStringCellValue()).isEqualTo("3");
            var bad = marked.getRow(1).getCell(2);
            assertThat(bad.getStringCellValue()).isEqualTo("外星单位");
            assertThat(bad.getCellComment().getString().getString()).contains("不是可选的值");
        }
        assertThat(getBytes("viewer", "/imports/" + partial.get("id").asString() + "/report.xlsx")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void templatesHaveChineseHeadersAnExampleAndDropDowns() throws Exception {
        var response = getBytes("editor", "/imports/templates/Unit.xlsx");
        assertThat(response.statusCode()).isEqualTo(200);
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            var sheet = book.getSheetAt(0);
            var headers = IntStream.range(0, sheet.getRow(0).getLastCellNum())
                    .mapToObj(i -> sheet.getRow(0).getCell(i).getStringCellValue())
                    .toList();
            assertThat(headers).contains("单位名称", "单位类别", "统一社会信用代码");
            assertThat(sheet.getRow(1).getCell(headers.indexOf("单位类别")).getStringCellValue())
                    .isEqualTo("机关单位");
            var lists = sheet.getDataValidations().stream()
                    .flatMap(v -> Stream.of(v.getValidationConstraint().getExplicitListValues()))
                    .toList();
            assertThat(lists).contains("机关单位", "非公企业", "社会组织");
            assertThat(book.getSheet("说明")).isNotNull();
        }
        var membership = getBytes("editor", "/imports/templates/Membership.xlsx");
        assertThat(membership.statusCode()).isEqualTo(200);
        // A template, filled as it is, imports (here as a dry run).
        var dry = upload("editor", "Unit", "Unit.xlsx", response.body(), false, false);
        assertThat(dry.get("status").asString()).as(dry.toString()).isEqualTo("VALID");
        assertThat(getBytes("viewer", "/imports/templates/Unit.xlsx").statusCode())
                .isEqualTo(403);
        assertThat(getBytes("editor", "/imports/templates/Nothing.xlsx").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aBatchedCommitInterruptedByACrashIsTakenUpFromItsJournal() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var lines = Stream.concat(
                        Stream.of("单位名称,单位类别,统一社会信用代码"),
                        IntStream.range(0, 1200).mapToObj(i -> "续传单位" + i + "-" + tag + ",社会组织,R-" + tag + "-" + i))
                .toArray(String[]::new);
        byte[] file = csv(StandardCharsets.UTF_8, false, lines);
        // What a crash leaves: the upload kept, the journal at COMMITTING after its first 400 rows, and
        // those rows written (by a batch that committed with its journal entry).
        String id = "import-crash-" + tag;
        Files.createDirectories(imports.upload(id).getParent());
        Files.write(imports.upload(id), file);
        try (var session = driver.session()) {
            session.run("""
                    UNWIND range(0, 399) AS i
                    CREATE (:Entity:Unit {id: 'unit-crash-' + $tag + '-' + i, name: '续传单位' + i + '-' + $tag,
                            kind: 'SOCIAL_ORGANIZATION', code: 'R-' + $tag + '-' + i})""", Map.of("tag", tag));
            session.run("""
                    CREATE (:ImportJob {id: $id, target: 'Unit', fileName: 'crash.csv', format: 'CSV',
                      status: 'COMMITTING', mode: 'BATCHED', user: 'editor', commit: true, validOnly: false,
                      rows: 1200, validRows: 1200, created: 400, updated: 0, unchanged: 0, committedRows: 400,
                      startedAt: datetime()})""", Map.of("id", id));
        }
        imports.resumeInterrupted();
        var job = await(id);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMMITTED");
        assertThat(job.get("resumed").asBoolean()).isTrue();
        assertThat(job.get("created").asInt())
                .as("400 before the crash and 800 after")
                .isEqualTo(1200);
        try (var session = driver.session()) {
            long count = session.run(
                            "MATCH (u:Unit) WHERE u.code STARTS WITH $p RETURN count(u) AS n",
                            Map.of("p", "R-" + tag + "-"))
                    .single()
                    .get("n")
                    .asLong();
            assertThat(count).as("every row once").isEqualTo(1200);
        }
    }

    @Test
    void jobsAreInGraphqlAndEachCommitIsOneAuditRecord() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var job = upload(
                "editor",
                "Unit",
                "audit.csv",
                csv(StandardCharsets.UTF_8, false, "单位名称,单位类别", "审计单位" + tag + ",机关单位"),
                true,
                false);
        String id = job.get("id").asString();
        var response = GraphApi.post(
                port,
                GraphApi.basic("editor"),
                "query($id: ID!) { importJob(id: $id) { status phase created progress reportUrl problems { row } } importJobs(first: 3) { totalCount nodes { id } } }",
                Map.of("id", id));
        var data = json.readTree(response.body()).get("data");
        assertThat(data.get("importJob").get("status").asString()).isEqualTo("COMMITTED");
        assertThat(data.get("importJob").get("phase").asString()).isEqualTo("COMMIT");
        assertThat(data.get("importJob").get("progress").asDouble()).isEqualTo(1.0);
        assertThat(data.get("importJobs").get("nodes").get(0).get("id").asString())
                .isEqualTo(id);
        var audit = GraphApi.post(
                port,
                GraphApi.basic("admin"),
                "{ auditEvents(first: 20) { nodes { kind operationName ids arguments success } } }",
                Map.of());
        var events = json.readTree(audit.body())
                .get("data")
                .get("auditEvents")
                .get("nodes")
                .valueStream()
                .filter(e ->
                        e.get("ids").valueStream().anyMatch(i -> i.asString().equals(id)))
                .toList();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("kind").asString()).isEqualTo("IMPORT");
        assertThat(events.getFirst().get("arguments").get("created").asInt()).isEqualTo(1);
    }
}

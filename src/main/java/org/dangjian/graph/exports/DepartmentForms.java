package org.dangjian.graph.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.time.Today;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.stereotype.Component;

/**
 * The department's forms as .xlsx: a title row with the scope and the date, Chinese headers, rates as
 * percentages. Each form is a GraphQL query run as the caller (so roles, masking and limits hold as in
 * the API) and written row by row (SXSSF), paging through long lists.
 */
@Component
class DepartmentForms {

    /** A column of a form: header, where its value is in a row of the answer, and whether it is a rate. */
    record Column(String header, Function<Map<String, Object>, Object> value, boolean percent) {
        static Column of(String header, String path) {
            return new Column(header, row -> at(row, path), false);
        }

        static Column rate(String header, String path) {
            return new Column(header, row -> at(row, path), true);
        }
    }

    /** A form: its title, the query, the path to its rows, its columns; paged when the rows are a connection. */
    record Form(String title, String document, String rows, boolean paged, List<Column> columns) {}

    static final Map<String, Form> FORMS = Map.of(
            "coverage",
            new Form(
                    "党组织覆盖情况",
                    """
                    query($scope: ID, $asOf: Date, $groupBy: CoverageGrouping) {
                      result: coverage(scope: $scope, asOf: $asOf, groupBy: $groupBy) {
                        rows: groups { label total organizational work uncovered shouldBuild
                          organizationalRate { value } workRate { value } totalRate { value } }
                        total organizational work uncoveredCount shouldBuildCount
                        organizationalRate { value } workRate { value } totalRate { value } } }""",
                    "result.rows",
                    false,
                    List.of(
                            Column.of("分组", "label"),
                            Column.of("单位数", "total"),
                            Column.of("已建党组织", "organizational"),
                            Column.of("工作覆盖", "work"),
                            Column.of("未覆盖", "uncovered"),
                            Column.of("应建未建", "shouldBuild"),
                            Column.rate("组织覆盖率", "organizationalRate.value"),
                            Column.rate("工作覆盖率", "workRate.value"),
                            Column.rate("总覆盖率", "totalRate.value"))),
            "should-build",
            new Form(
                    "应建未建党组织单位",
                    """
                    query($scope: ID, $asOf: Date, $after: String) {
                      result: coverage(scope: $scope, asOf: $asOf) { rows: uncovered(first: 500, after: $after) {
                        pageInfo { hasNextPage endCursor }
                        nodes { shouldBuild formalMembers partyMembers unit { name code kind }
                          area { name } bigCommunity { name } managingOrganization { name } } } } }""",
                    "result.rows",
                    true,
                    List.of(
                            Column.of("单位名称", "unit.name"),
                            Column.of("统一社会信用代码", "unit.code"),
                            Column.of("单位类别", "unit.kind"),
                            Column.of("正式党员", "formalMembers"),
                            Column.of("党员", "partyMembers"),
                            Column.of("所在区域", "area.name"),
                            Column.of("所属大社区", "bigCommunity.name"),
                            Column.of("归口党组织", "managingOrganization.name"))),
            "weak-organizations",
            new Form(
                    "软弱涣散党组织及整顿情况",
                    """
                    query($scope: ID, $asOf: Date) { rows: weakOrganizations(scope: $scope, asOf: $asOf) {
                      status organization { name code } designation { type category since reasons }
                      rectification { plan since acceptedOn } leaders { name } supporters { ... on Unit { name } ... on PartyOrganization { name } } } }""",
                    "rows",
                    false,
                    List.of(
                            Column.of("党组织", "organization.name"),
                            Column.of("组织代码", "organization.code"),
                            Column.of("认定类别", "designation.category"),
                            Column.of("认定日期", "designation.since"),
                            Column.of("原因", "designation.reasons"),
                            Column.of("整顿状态", "status"),
                            Column.of("整顿方案", "rectification.plan"),
                            Column.of("验收日期", "rectification.acceptedOn"),
                            Column.of("责任领导", "leaders.name"),
                            Column.of("帮扶单位", "supporters.name"))),
            "warning-signs",
            new Form(
                    "预警信号",
                    """
                    query($scope: ID, $asOf: Date, $after: String) { rows: warningSigns(scope: $scope, asOf: $asOf, first: 500, after: $after) {
                      pageInfo { hasNextPage endCursor } nodes { severity organization { name code } rule { titleZh code } evidence } } }""",
                    "rows",
                    true,
                    List.of(
                            Column.of("严重程度", "severity"),
                            Column.of("党组织", "organization.name"),
                            Column.of("组织代码", "organization.code"),
                            Column.of("预警规则", "rule.titleZh"),
                            Column.of("依据", "evidence"))),
            "grid-coverage",
            new Form(
                    "网格覆盖情况",
                    """
                    query($scope: ID, $asOf: Date) { result: gridCoverage(scope: $scope, asOf: $asOf) {
                      rows: grids { grid { name code } area { name } workers workersByKind { kind workers } } } }""",
                    "result.rows",
                    false,
                    List.of(
                            Column.of("网格", "grid.name"),
                            Column.of("网格代码", "grid.code"),
                            Column.of("所属社区", "area.name"),
                            Column.of("网格员人数", "workers"))),
            "compound-coverage",
            new Form(
                    "小区覆盖情况",
                    """
                    query($scope: ID, $asOf: Date) { result: compoundCoverage(scope: $scope, asOf: $asOf) {
                      rows: compounds { compound { name code kind } byPropertyCompany byOwnersCommittee byGrid byNone } } }""",
                    "result.rows",
                    false,
                    List.of(
                            Column.of("小区", "compound.name"),
                            Column.of("小区代码", "compound.code"),
                            Column.of("物业党组织覆盖", "byPropertyCompany"),
                            Column.of("业委会党员覆盖", "byOwnersCommittee"),
                            Column.of("网格覆盖", "byGrid"),
                            Column.of("均未覆盖", "byNone"))));

    private final ExecutionGraphQlService graphql;
    private final Today today;

    DepartmentForms(ExecutionGraphQlService graphql, Today today) {
        this.graphql = graphql;
        this.today = today;
    }

    /** Refuses an unknown form at once, before anything is written. */
    static Form form(String name) {
        var form = FORMS.get(name);
        if (form == null) {
            throw ApiException.notFound("No form " + name + "; known: "
                    + FORMS.keySet().stream().sorted().toList());
        }
        return form;
    }

    /** Runs the form's query once, so that a refusal (scope unknown, role) is an error before the download. */
    Map<String, Object> firstPage(Caller caller, Form form, String scope, LocalDate asOf, String groupBy) {
        return run(caller, form, variables(scope, asOf, groupBy, null));
    }

    void write(
            Caller caller,
            Form form,
            Map<String, Object> first,
            String scope,
            LocalDate asOf,
            String groupBy,
            OutputStream out)
            throws IOException {
        var book = new SXSSFWorkbook(200);
        try {
            var sheet = book.createSheet(form.title());
            var title = sheet.createRow(0);
            String scopeName = scope == null ? "全部" : scope;
            title.createCell(0).setCellValue(form.title() + "（范围：" + scopeName + "；日期：" + today.orToday(asOf) + "）");
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, form.columns().size() - 1));
            CellStyle header = book.createCellStyle();
            var bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
            var head = sheet.createRow(1);
            for (int c = 0; c < form.columns().size(); c++) {
                var cell = head.createCell(c);
                cell.setCellValue(form.columns().get(c).header());
                cell.setCellStyle(header);
                sheet.setColumnWidth(c, 18 * 256);
            }
            int r = 2;
            var page = first;
            boolean more = true;
            while (more) {
                for (var row : rows(page, form)) {
                    if (form == FORMS.get("should-build") && !Boolean.TRUE.equals(row.get("shouldBuild"))) {
                        more = false; // should-build units come first: the rest are only uncovered
                        break;
                    }
                    line(sheet.createRow(r++), form, row, percent);
                }
                if (!form.paged() || !more) {
                    break;
                }
                var info = at(container(page, form), "pageInfo");
                if (!(info instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("hasNextPage"))) {
                    break;
                }
                page = run(caller, form, variables(scope, asOf, groupBy, (String) m.get("endCursor")));
            }
            if (form.title().equals("党组织覆盖情况")) {
                var total = at(first, "result");
                if (total instanceof Map<?, ?> t) {
                    @SuppressWarnings("unchecked")
                    var totals = new HashMap<>((Map<String, Object>) t);
                    totals.put("label", "合计");
                    totals.put("uncovered", totals.get("uncoveredCount"));
                    totals.put("shouldBuild", totals.get("shouldBuildCount"));
                    line(sheet.createRow(r), form, totals, percent);
                }
            }
            book.write(out);
        } finally {
            book.close();
        }
    }

    /** One row of a form: numbers as numbers (rates as percentages), yes/no in Chinese, enums by their labels. */
    private static void line(
            org.apache.poi.ss.usermodel.Row line, Form form, Map<String, Object> row, CellStyle percent) {
        for (int c = 0; c < form.columns().size(); c++) {
            var column = form.columns().get(c);
            Object v = column.value().apply(row);
            var cell = line.createCell(c);
            if (v instanceof Number n) {
                cell.setCellValue(n.doubleValue());
                if (column.percent()) {
                    cell.setCellStyle(percent);
                }
            } else if (v instanceof Boolean b) {
                cell.setCellValue(b ? "是" : "否");
            } else if (v != null) {
                cell.setCellValue(label(v));
            }
        }
    }

    private Map<String, Object> run(Caller caller, Form form, Map<String, Object> variables) {
        var request =
                caller.request(form.document(), null, variables, Instant.now().plus(Duration.ofMinutes(5)));
        var response = graphql.execute(request).block(Duration.ofMinutes(6));
        if (response == null || !response.getErrors().isEmpty()) {
            var error = response == null ? null : response.getErrors().getFirst();
            String code =
                    error == null ? null : String.valueOf(error.getExtensions().get("code"));
            String message = error == null ? "No answer" : error.getMessage();
            throw switch (code == null ? "" : code) {
                case "NOT_FOUND" -> ApiException.notFound(message);
                case "FORBIDDEN" -> new ApiException(ApiException.Code.FORBIDDEN, message);
                default -> ApiException.validation(message);
            };
        }
        return response.getData();
    }

    private static Map<String, Object> variables(String scope, LocalDate asOf, String groupBy, String after) {
        var v = new HashMap<String, Object>();
        v.put("scope", scope);
        v.put("asOf", asOf == null ? null : asOf.toString());
        if (groupBy != null) {
            v.put("groupBy", groupBy);
        }
        v.put("after", after);
        return v;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> data, Form form) {
        Object rows = at(data, form.rows());
        if (form.paged() && rows instanceof Map<?, ?> connection) {
            rows = connection.get("nodes");
        }
        return rows instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static Object container(Map<String, Object> data, Form form) {
        return at(data, form.rows());
    }

    /** The value at a dotted path; through a list, the values joined. */
    static Object at(Object value, String path) {
        Object current = value;
        for (String part : path.split("\\.")) {
            if (current instanceof List<?> list) {
                var values = new ArrayList<String>();
                for (Object item : list) {
                    Object v = at(item, part);
                    if (v != null) {
                        values.add(String.valueOf(v));
                    }
                }
                current = String.join("、", values);
            } else if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else {
                return null;
            }
        }
        if (current instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            return String.join("、", list.stream().map(String::valueOf).toList());
        }
        return current;
    }

    /** Enum values as their Chinese labels where one exists; maps (evidence) as text. */
    private static String label(Object v) {
        if (v instanceof Map<?, ?> map) {
            return map.toString();
        }
        String text = String.valueOf(v);
        for (String e :
                List.of("UnitKind", "DesignationCategory", "DesignationType", "RectificationStatus", "CompoundKind")) {
            var labels = GraphModel.enumLabels(e);
            if (labels.containsKey(text)) {
                return labels.get(text);
            }
        }
        return switch (text) {
            case "HIGH" -> "高";
            case "MEDIUM" -> "中";
            case "LOW" -> "低";
            default -> text;
        };
    }
}

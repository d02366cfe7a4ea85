package org.dangjian.graph.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.PropertyType;

/** The workbooks of imports: a template per target, and the report of a job's problems. */
final class Workbooks {

    private Workbooks() {}

    /**
     * The template of a target: Chinese headers (the English name in a comment), one example row,
     * drop-down lists of the Chinese labels for enum columns, and a sheet 说明 explaining each column.
     */
    static void template(Target target, OutputStream out) throws IOException {
        try (var book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet(target.chineseName());
            var header = headerStyle(book);
            Row head = sheet.createRow(0);
            Row example = sheet.createRow(1);
            var drawing = sheet.createDrawingPatriarch();
            int i = 0;
            for (var column : target.columns()) {
                var cell = head.createCell(i);
                cell.setCellValue(column.zh());
                cell.setCellStyle(header);
                ClientAnchor anchor = book.getCreationHelper().createClientAnchor();
                anchor.setCol1(i);
                anchor.setCol2(i + 3);
                anchor.setRow1(0);
                anchor.setRow2(3);
                var comment = drawing.createCellComment(anchor);
                comment.setString(book.getCreationHelper()
                        .createRichTextString(column.en()
                                + (column.required() ? "（必填 / required）" : "")
                                + (column.note() == null ? "" : "\n" + column.note())));
                cell.setCellComment(comment);
                example.createCell(i).setCellValue(example(target, column));
                if (column.type() == PropertyType.ENUM) {
                    var labels =
                            GraphModel.enumLabels(column.enumType()).values().toArray(String[]::new);
                    var helper = sheet.getDataValidationHelper();
                    var validation = helper.createValidation(
                            helper.createExplicitListConstraint(labels), new CellRangeAddressList(1, 10_000, i, i));
                    validation.setShowErrorBox(true);
                    validation.createErrorBox("无效的值", "请从下拉列表中选择");
                    sheet.addValidationData(validation);
                }
                sheet.setColumnWidth(i, Math.min(60, Math.max(12, column.zh().length() * 3)) * 256);
                i++;
            }
            sheet.createFreezePane(0, 1);
            Sheet help = book.createSheet("说明");
            String[] titles = {"列（中文）", "列（英文）", "必填", "类型", "可选值 / 说明"};
            Row h = help.createRow(0);
            for (int c = 0; c < titles.length; c++) {
                h.createCell(c).setCellValue(titles[c]);
                h.getCell(c).setCellStyle(header);
            }
            int r = 1;
            for (var column : target.columns()) {
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(column.zh());
                row.createCell(1).setCellValue(column.en());
                row.createCell(2).setCellValue(column.required() ? "是" : "");
                row.createCell(3).setCellValue(typeName(column.type()));
                String values = column.type() == PropertyType.ENUM
                        ? String.join(
                                "、", GraphModel.enumLabels(column.enumType()).values())
                        : column.note() == null ? "" : column.note();
                row.createCell(4).setCellValue(values);
            }
            for (int c = 0; c < titles.length; c++) {
                help.setColumnWidth(c, (c == 4 ? 80 : 18) * 256);
            }
            book.write(out);
        }
    }

    private static String typeName(PropertyType type) {
        return switch (type) {
            case STRING -> "文本";
            case INT -> "整数";
            case FLOAT -> "数字";
            case BOOLEAN -> "是/否";
            case DATE -> "日期（2020-03-01、2020/3/1 或 2020年3月1日）";
            case ENUM -> "选项";
            case STRING_LIST -> "多项，用分号隔开";
        };
    }

    private static String example(Target target, Target.Column column) {
        if (column.type() == PropertyType.ENUM) {
            return GraphModel.enumLabels(column.enumType()).values().iterator().next();
        }
        return switch (column.key()) {
            case Target.ID -> "";
            case Target.FROM -> target.tie().fromLabels().contains("Person") ? "张三" : "示例起点名称";
            case Target.TO -> target.tie().toLabels().contains("PartyOrganization") ? "城北大社区党委" : "示例终点名称";
            case "name" ->
                switch (target.name()) {
                    case "Person" -> "张三";
                    case "PartyOrganization" -> "示例社区党支部";
                    case "Unit" -> "示例科技有限公司";
                    default -> "示例名称";
                };
            case "code" -> "EX-0001";
            case "phone" -> "13800000000";
            case "idNumber" -> "110101199001011234";
            case "address" -> "示例市示例路1号";
            case "birthDate" -> "1990-01-01";
            default ->
                switch (column.type()) {
                    case DATE -> "2020-03-01";
                    case INT -> "10";
                    case FLOAT -> "1.5";
                    case BOOLEAN -> "否";
                    default -> "";
                };
        };
    }

    /**
     * The report of a job: its problems listed (row, column, value, reason in Chinese and English) and,
     * when the upload is still there, its rows with the bad cells in red and the reason as a comment.
     * Written streaming (SXSSF) whatever the size of the file.
     */
    static void report(ImportJob job, List<ImportJob.Problem> problems, Path upload, OutputStream out)
            throws IOException {
        var book = new SXSSFWorkbook(200);
        try {
            var header = headerStyle(book);
            Sheet list = book.createSheet("问题");
            Row title = list.createRow(0);
            title.createCell(0)
                    .setCellValue("导入 " + job.fileName() + "（" + job.target() + "）："
                            + (job.messageZh() == null ? job.status() : job.messageZh()));
            String[] heads = {"行", "列", "值", "原因", "Reason"};
            Row h = list.createRow(1);
            for (int c = 0; c < heads.length; c++) {
                h.createCell(c).setCellValue(heads[c]);
                h.getCell(c).setCellStyle(header);
            }
            int r = 2;
            for (var p : problems) {
                Row row = list.createRow(r++);
                row.createCell(0).setCellValue(p.row());
                row.createCell(1).setCellValue(p.column() == null ? "" : p.column());
                row.createCell(2).setCellValue(p.value() == null ? "" : p.value());
                row.createCell(3).setCellValue(p.reasonZh());
                row.createCell(4).setCellValue(p.reason());
            }
            if (job.problemCount() > problems.size()) {
                list.createRow(r)
                        .createCell(0)
                        .setCellValue("另有 " + (job.problemCount() - problems.size()) + " 处问题未列出");
            }
            list.setColumnWidth(3, 60 * 256);
            list.setColumnWidth(4, 60 * 256);
            if (upload != null && java.nio.file.Files.exists(upload)) {
                markedRows(book, job, problems, upload, header);
            }
            book.write(out);
        } finally {
            book.close();
        }
    }

    private static void markedRows(
            SXSSFWorkbook book, ImportJob job, List<ImportJob.Problem> problems, Path upload, CellStyle header)
            throws IOException {
        var target = Target.of(job.target());
        Map<Integer, Map<String, String>> byRow = new HashMap<>();
        for (var p : problems) {
            byRow.computeIfAbsent(p.row(), k -> new HashMap<>())
                    .merge(p.column() == null ? "" : p.column(), p.reasonZh(), (a, b) -> a + "；" + b);
        }
        Sheet sheet = book.createSheet("数据（问题已标红）");
        CellStyle bad = book.createCellStyle();
        bad.setFillForegroundColor(IndexedColors.ROSE.getIndex());
        bad.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        bad.setBorderBottom(BorderStyle.THIN);
        var drawing = sheet.createDrawingPatriarch();
        var columns = new String[1][];
        int[] next = {0};
        try {
            org.dangjian.graph.imports.Sheet.read(
                    upload,
                    org.dangjian.graph.imports.Sheet.format(upload, job.fileName()),
                    Integer.MAX_VALUE,
                    source -> {
                        boolean first = source.number() == 1;
                        if (first) {
                            columns[0] = source.cells().toArray(String[]::new);
                        }
                        var rowProblems = byRow.get(source.number());
                        if (!first && rowProblems == null) {
                            return; // only the header and the rows with problems
                        }
                        Row row = sheet.createRow(next[0]++);
                        row.createCell(0).setCellValue(first ? "原行号" : String.valueOf(source.number()));
                        for (int c = 0; c < source.cells().size(); c++) {
                            var cell = row.createCell(c + 1);
                            cell.setCellValue(source.cells().get(c));
                            if (first) {
                                cell.setCellStyle(header);
                                continue;
                            }
                            String head = c < columns[0].length ? columns[0][c] : "";
                            var column = target == null
                                    ? null
                                    : target.columns().stream()
                                            .filter(col -> col.matches(head == null ? "" : head))
                                            .findFirst()
                                            .orElse(null);
                            String reason = column == null ? null : rowProblems.get(column.zh());
                            if (reason != null) {
                                cell.setCellStyle(bad);
                                ClientAnchor anchor = book.getCreationHelper().createClientAnchor();
                                anchor.setCol1(c + 1);
                                anchor.setCol2(c + 4);
                                anchor.setRow1(row.getRowNum());
                                anchor.setRow2(row.getRowNum() + 3);
                                var comment = drawing.createCellComment(anchor);
                                comment.setString(book.getCreationHelper().createRichTextString(reason));
                                cell.setCellComment(comment);
                            }
                        }
                        if (!first && rowProblems.containsKey("")) {
                            var cell = row.createCell(source.cells().size() + 1);
                            cell.setCellValue(rowProblems.get(""));
                            cell.setCellStyle(bad);
                        }
                    });
        } catch (org.dangjian.graph.imports.Sheet.Unreadable e) {
            sheet.createRow(0).createCell(0).setCellValue(e.zh);
        }
    }

    private static CellStyle headerStyle(org.apache.poi.ss.usermodel.Workbook book) {
        CellStyle style = book.createCellStyle();
        Font bold = book.createFont();
        bold.setBold(true);
        style.setFont(bold);
        style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        return style;
    }
}

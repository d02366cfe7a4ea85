package org.dangjian.graph.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The rows of an uploaded file, read as a stream whatever its size: {@code .xlsx} through POI's SAX
 * event reader, {@code .csv} through Commons CSV in UTF-8 (with or without BOM) or, when the bytes are
 * not UTF-8, GB18030 (which contains GBK and GB2312, what Excel saves on a Chinese Windows). The format
 * is told by the content, not the name: a file renamed is recognised or refused.
 */
final class Sheet {

    /** Excel's own limit for the text of a cell. */
    static final int MAX_CELL = 32_767;

    /** One row: its number as a spreadsheet shows it (the header is row 1) and its cells. */
    record Row(int number, List<String> cells) {}

    /** Why a file cannot be read at all; nothing is imported from it. */
    static final class Unreadable extends Exception {
        final String zh;

        Unreadable(String zh, String en) {
            super(en);
            this.zh = zh;
        }
    }

    enum Format {
        XLSX,
        CSV
    }

    private Sheet() {}

    static {
        // An .xlsx is a zip: refuse one that inflates more than 100 times (POI's default) and any entry
        // over 512 MiB, before it is inflated.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(512L * 1024 * 1024);
    }

    /** The format of a file, from its first bytes; refuses what is neither. */
    static Format format(Path file, String name) throws IOException, Unreadable {
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            throw new Unreadable("文件为空", "The file is empty");
        }
        boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean ole = n >= 8 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF;
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (zip) {
            return Format.XLSX;
        }
        if (ole) {
            throw new Unreadable(
                    "这是旧版 Excel（.xls）文件，请另存为 .xlsx 或 .csv 后再导入",
                    "This is an old Excel (.xls) file; save it as .xlsx or .csv and import that");
        }
        if (lower.endsWith(".xlsx")) {
            throw new Unreadable("文件名为 .xlsx，但内容不是 Excel 工作簿", "The file is named .xlsx but is not an Excel workbook");
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                throw new Unreadable(
                        "文件不是文本（CSV）也不是 Excel 工作簿", "The file is neither text (CSV) nor an Excel workbook");
            }
        }
        return Format.CSV;
    }

    /**
     * Reads every row (the header first, as row 1) into the consumer; stops at {@code maxRows} data rows
     * with an error.
     */
    static void read(Path file, Format format, int maxRows, Consumer<Row> rows) throws IOException, Unreadable {
        var counting = new Consumer<Row>() {
            int count;

            @Override
            public void accept(Row row) {
                if (row.number() > 1 && ++count > maxRows) {
                    throw new TooManyRows();
                }
                rows.accept(row);
            }
        };
        try {
            if (format == Format.CSV) {
                readCsv(file, counting);
            } else {
                readXlsx(file, counting);
            }
        } catch (TooManyRows e) {
            throw new Unreadable(
                    "文件超过 " + maxRows + " 行，请拆分后分批导入", "The file has more than " + maxRows + " rows; split it");
        }
    }

    private static final class TooManyRows extends RuntimeException {
        TooManyRows() {
            super(null, null, false, false);
        }
    }

    /** The charset of a CSV: UTF-8 when every byte sequence is UTF-8, else GB18030. */
    static Charset charset(Path file) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader r = new InputStreamReader(Files.newInputStream(file), utf8)) {
            char[] buffer = new char[65_536];
            while (r.read(buffer) >= 0) {
                // decoding is the check
            }
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return Charset.forName("GB18030");
        }
    }

    private static void readCsv(Path file, Consumer<Row> rows) throws IOException, Unreadable {
        Charset charset = charset(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                InputStream in = BOMInputStream.builder().setInputStream(raw).get();
                Reader reader = new InputStreamReader(in, charset)) {
            var format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
            int number = 0;
            for (CSVRecord record : format.parse(reader)) {
                number++;
                var cells = new ArrayList<String>(record.size());
                record.forEach(cells::add);
                rows.accept(new Row(number, cells));
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new Unreadable("CSV 格式错误：" + e.getMessage(), "Malformed CSV: " + e.getMessage());
        }
    }

    private static void readXlsx(Path file, Consumer<Row> rows) throws IOException, Unreadable {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            var reader = new XSSFReader(pkg);
            var strings = new ReadOnlySharedStringsTable(pkg, false);
            var styles = reader.getStylesTable();
            var sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            var workbook = hiddenSheets(reader);
            if (!workbook.isEmpty()) {
                throw new Unreadable(
                        "工作簿含有隐藏的工作表（" + String.join("、", workbook) + "），请删除或取消隐藏后再导入",
                        "The workbook has hidden sheets (" + String.join(", ", workbook) + "); delete or unhide them");
            }
            if (!sheets.hasNext()) {
                throw new Unreadable("工作簿没有工作表", "The workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                var handler = new RowsHandler(rows);
                var sheetHandler = new XSSFSheetXMLHandler(styles, null, strings, handler, new IsoDates(), false);
                XMLReader parser = SAXHelper.newXMLReader();
                var guard = new Guard(parser);
                guard.setContentHandler(sheetHandler);
                guard.parse(new InputSource(sheet));
            }
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException
                | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
            throw new Unreadable("不是有效的 Excel 工作簿（.xlsx）", "Not a valid Excel workbook (.xlsx): " + e.getMessage());
        } catch (Refusal e) {
            throw new Unreadable(e.zh, e.getMessage());
        } catch (org.apache.poi.openxml4j.exceptions.OpenXML4JException
                | SAXException
                | javax.xml.parsers.ParserConfigurationException e) {
            throw unreadable(e);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Zip bomb")) {
                throw new Unreadable(
                        "工作簿解压后过大（疑似压缩炸弹），已拒绝", "The workbook inflates far beyond its size (a zip bomb); refused");
            }
            throw unreadable(e);
        } catch (org.apache.poi.ooxml.POIXMLException | org.apache.poi.util.RecordFormatException e) {
            throw unreadable(e);
        }
    }

    private static Unreadable unreadable(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof Refusal r) {
                return new Unreadable(r.zh, r.getMessage());
            }
        }
        if (String.valueOf(cause.getMessage()).contains("Zip bomb")) {
            return new Unreadable(
                    "工作簿解压后过大（疑似压缩炸弹），已拒绝", "The workbook inflates far beyond its size (a zip bomb); refused");
        }
        return new Unreadable("无法读取工作簿：" + cause.getMessage(), "Cannot read the workbook: " + cause.getMessage());
    }

    /** Names of hidden sheets, from the workbook part. */
    private static List<String> hiddenSheets(XSSFReader reader) throws IOException, Unreadable {
        var hidden = new ArrayList<String>();
        try (InputStream workbook = reader.getWorkbookData()) {
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void startElement(String uri, String local, String qName, Attributes attributes) {
                    if ("sheet".equals(local)) {
                        String state = attributes.getValue("state");
                        if ("hidden".equals(state) || "veryHidden".equals(state)) {
                            hidden.add(attributes.getValue("name"));
                        }
                    }
                }
            });
            parser.parse(new InputSource(workbook));
        } catch (SAXException
                | javax.xml.parsers.ParserConfigurationException
                | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new Unreadable("无法读取工作簿：" + e.getMessage(), "Cannot read the workbook: " + e.getMessage());
        }
        return hidden;
    }

    /** A refusal raised inside the SAX parse. */
    private static final class Refusal extends SAXException {
        final String zh;

        Refusal(String zh, String en) {
            super(en);
            this.zh = zh;
        }
    }

    /** Refuses what the sheet handler would pass over: formulas and merged cells. */
    private static final class Guard extends XMLFilterImpl {
        private final StringBuilder ref = new StringBuilder();

        Guard(XMLReader parent) {
            super(parent);
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
            if ("c".equals(local)) {
                ref.setLength(0);
                ref.append(atts.getValue("r"));
            } else if ("f".equals(local)) {
                throw new Refusal(
                        "单元格 " + ref + " 含有公式，请复制后“粘贴为数值”再导入",
                        "Cell " + ref + " holds a formula; paste it as values and import again");
            } else if ("mergeCell".equals(local)) {
                throw new Refusal(
                        "工作表含有合并单元格（" + atts.getValue("ref") + "），请取消合并、每行填写完整后再导入",
                        "The sheet has merged cells (" + atts.getValue("ref") + "); unmerge them and fill every row");
            }
            super.startElement(uri, local, qName, atts);
        }
    }

    /** Gathers the cells of each row, filling skipped (empty) cells. */
    private static final class RowsHandler implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Consumer<Row> rows;
        private List<String> cells;
        private int number;

        RowsHandler(Consumer<Row> rows) {
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            number = rowNum + 1;
            cells = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().anyMatch(c -> c != null && !c.isBlank())) {
                rows.accept(new Row(number, cells));
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column =
                    reference == null ? cells.size() : new org.apache.poi.ss.util.CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value);
        }
    }

    /** Formats date cells as ISO dates and numbers without grouping, so that values parse as typed. */
    private static final class IsoDates extends DataFormatter {
        IsoDates() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            return java.math.BigDecimal.valueOf(value).toPlainString();
        }
    }
}

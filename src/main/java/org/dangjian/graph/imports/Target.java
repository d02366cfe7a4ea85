package org.dangjian.graph.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.NodeType;
import org.dangjian.graph.model.Property;
import org.dangjian.graph.model.PropertyType;
import org.dangjian.graph.model.TieType;

/**
 * What a file imports into: the nodes of one {@link NodeType} or the ties of one {@link TieType}, and
 * the columns it takes, with Chinese and English headers, all read from the graph model (so a field
 * added to the SDL is a column of its template at once).
 *
 * @param name the template's name: the node type's label ({@code Person}) or the tie's GraphQL type
 *     ({@code Membership})
 */
record Target(String name, NodeType node, TieType tie, List<Column> columns) {

    /** A column: the key it fills, its headers, and how its text becomes a value. */
    record Column(String key, String zh, String en, PropertyType type, String enumType, boolean required, String note) {

        boolean matches(String header) {
            String h = header.strip().replace(" ", "");
            return h.equalsIgnoreCase(en) || h.equals(zh) || h.equalsIgnoreCase(key);
        }
    }

    /** The end columns of a tie file and the id column of a node file. */
    static final String FROM = "from";

    static final String TO = "to";
    static final String ID = "id";

    static Target of(String name) {
        for (NodeType type : GraphModel.nodeTypes()) {
            if (type.label().equalsIgnoreCase(name) && type.editable()) {
                return forNode(type);
            }
        }
        for (TieType type : GraphModel.tieTypes()) {
            if ((type.name().equalsIgnoreCase(name) || type.kind().equalsIgnoreCase(name)) && type.addable()) {
                return forTie(type);
            }
        }
        return null;
    }

    /** Every target, nodes first: what the templates are. */
    static List<Target> all() {
        var all = new ArrayList<Target>();
        GraphModel.nodeTypes().stream().filter(NodeType::editable).forEach(t -> all.add(forNode(t)));
        GraphModel.tieTypes().stream().filter(TieType::addable).forEach(t -> all.add(forTie(t)));
        return all;
    }

    private static Target forNode(NodeType type) {
        var columns = new ArrayList<Column>();
        columns.add(new Column(
                ID,
                "标识",
                "id",
                PropertyType.STRING,
                null,
                false,
                "留空为新建；填写则修改该节点 / empty: new node; given: update it"));
        for (Property p : type.properties()) {
            columns.add(column(p));
        }
        return new Target(type.label(), type, null, List.copyOf(columns));
    }

    private static Target forTie(TieType type) {
        var columns = new ArrayList<Column>();
        String ends = "填代码、标识或准确名称 / code, id or exact name";
        columns.add(new Column(
                FROM, "起点（" + endNames(type.fromLabels()) + "）", "from", PropertyType.STRING, null, true, ends));
        columns.add(
                new Column(TO, "终点（" + endNames(type.toLabels()) + "）", "to", PropertyType.STRING, null, true, ends));
        columns.add(new Column("since", "开始日期", "since", PropertyType.DATE, null, false, "留空为今天 / empty: today"));
        columns.add(new Column("until", "结束日期", "until", PropertyType.DATE, null, false, null));
        for (Property p : type.properties()) {
            boolean ref = type.refs().containsKey(p.name());
            columns.add(new Column(
                    p.name(),
                    p.label(),
                    p.name(),
                    p.type(),
                    p.enumType(),
                    p.required(),
                    ref ? "填单位的代码、标识或准确名称 / the unit's code, id or exact name" : null));
        }
        return new Target(type.name(), null, type, List.copyOf(columns));
    }

    private static Column column(Property p) {
        String zh = p.label().replace("，个人信息", "");
        return new Column(
                p.name(),
                zh,
                p.name(),
                p.type(),
                p.enumType(),
                p.required(),
                p.personal() ? "个人信息 / personal data" : null);
    }

    private static String endNames(java.util.Set<String> labels) {
        return String.join(
                "或",
                labels.stream()
                        .sorted()
                        .map(l -> GraphModel.chineseName(GraphModel.nodeType(l)))
                        .toList());
    }

    /** The Chinese header of a column by its key. */
    String zh(String key) {
        return columns.stream()
                .filter(c -> c.key().equals(key))
                .map(Column::zh)
                .findFirst()
                .orElse(key);
    }

    /** The Chinese name of what this file holds, e.g. 人员, 党员组织关系. */
    String chineseName() {
        return node != null ? GraphModel.chineseName(node) : GraphModel.chineseName(tie);
    }

    // ---- values -------------------------------------------------------------------------------

    /** A cell that cannot become a value: the reason in Chinese and English. */
    static final class BadValue extends Exception {
        final String zh;

        BadValue(String zh, String en) {
            super(en, null, false, false);
            this.zh = zh;
        }
    }

    private static final Pattern SLASHED = Pattern.compile("(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})");
    private static final Pattern CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日?");
    private static final Pattern SERIAL = Pattern.compile("\\d{1,6}(\\.0+)?");

    /** The value of a non-blank cell of this column. */
    static Object value(Column column, String text) throws BadValue {
        String t = text.strip();
        return switch (column.type()) {
            case STRING -> t;
            case INT -> integer(t);
            case FLOAT -> decimal(t);
            case BOOLEAN -> bool(t);
            case DATE -> date(t);
            case ENUM -> enumValue(column.enumType(), t);
            case STRING_LIST -> List.of(t.split("\\s*[;；]\\s*"));
        };
    }

    private static Long integer(String t) throws BadValue {
        try {
            var d = new java.math.BigDecimal(t.replace(",", ""));
            return d.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadValue("不是整数：" + t, "Not a whole number: " + t);
        }
    }

    private static Double decimal(String t) throws BadValue {
        try {
            return Double.valueOf(t.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new BadValue("不是数字：" + t, "Not a number: " + t);
        }
    }

    private static Boolean bool(String t) throws BadValue {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "是", "true", "yes", "y", "1" -> true;
            case "否", "false", "no", "n", "0" -> false;
            default -> throw new BadValue("应填“是”或“否”：" + t, "Expected yes or no (是/否): " + t);
        };
    }

    /**
     * A date as ISO ({@code 2020-03-01}), slashed ({@code 2020/3/1}), Chinese ({@code 2020年3月1日}) or an
     * Excel serial number ({@code 43891}); a date that does not exist ({@code 2020-02-30}) is refused.
     */
    static LocalDate date(String t) throws BadValue {
        try {
            Matcher m;
            if ((m = SLASHED.matcher(t)).matches() || (m = CHINESE.matcher(t)).matches()) {
                return LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            if (SERIAL.matcher(t).matches()) {
                double serial = Double.parseDouble(t);
                if (serial >= 1 && serial <= 2_958_465) {
                    return org.apache.poi.ss.usermodel.DateUtil.getLocalDateTime(serial)
                            .toLocalDate();
                }
            }
            return LocalDate.parse(t);
        } catch (java.time.DateTimeException e) {
            throw new BadValue(
                    "不是存在的日期：" + t + "（可写作 2020-03-01、2020/3/1 或 2020年3月1日）",
                    "Not a date that exists: " + t + " (write 2020-03-01, 2020/3/1 or 2020年3月1日)");
        }
    }

    private static String enumValue(String enumType, String t) throws BadValue {
        Map<String, String> labels = GraphModel.enumLabels(enumType);
        for (var e : labels.entrySet()) {
            if (e.getKey().equalsIgnoreCase(t) || e.getValue().equals(t)) {
                return e.getKey();
            }
        }
        throw new BadValue(
                "不是可选的值：" + t + "；可选：" + String.join("、", labels.values()),
                "Not one of the allowed values: " + t + "; allowed: " + String.join(", ", labels.keySet()));
    }

    /** Header positions: which cell of a row fills which column; problems for unknown or missing headers. */
    record Layout(Map<Column, Integer> positions, List<String> problemsZh, List<String> problemsEn) {}

    Layout layout(List<String> headers) {
        var positions = new LinkedHashMap<Column, Integer>();
        var zh = new ArrayList<String>();
        var en = new ArrayList<String>();
        for (int i = 0; i < headers.size(); i++) {
            String h = headers.get(i) == null ? "" : headers.get(i).strip().replace("\uFEFF", "");
            if (h.isEmpty()) {
                continue;
            }
            Column found = null;
            for (Column c : columns) {
                if (c.matches(h) || (tie != null && matchesEnd(c, h))) {
                    found = c;
                }
            }
            if (found == null) {
                zh.add("未知的列：" + h);
                en.add("Unknown column: " + h);
            } else if (positions.containsKey(found)) {
                zh.add("列重复：" + h);
                en.add("Column given twice: " + h);
            } else {
                positions.put(found, i);
            }
        }
        for (Column c : columns) {
            boolean keyed = node != null && (c.key().equals("name"));
            if ((c.required() || keyed) && !positions.containsKey(c)) {
                zh.add("缺少必填列：" + c.zh() + "（" + c.en() + "）");
                en.add("Missing required column: " + c.en() + " (" + c.zh() + ")");
            }
        }
        return new Layout(positions, zh, en);
    }

    private boolean matchesEnd(Column c, String header) {
        return (c.key().equals(FROM) && (header.equals("起点") || header.equalsIgnoreCase(tie.fromName())))
                || (c.key().equals(TO) && (header.equals("终点") || header.equalsIgnoreCase(tie.toName())));
    }
}

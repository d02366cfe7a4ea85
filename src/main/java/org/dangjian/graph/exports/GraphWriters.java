package org.dangjian.graph.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.NodeType;
import org.dangjian.graph.model.Property;
import org.dangjian.graph.model.PropertyType;
import org.dangjian.graph.model.TieType;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Writes an export as it is read: GraphML, Cytoscape.js JSON, or CSV with the import's headers. */
final class GraphWriters {

    private GraphWriters() {}

    /** A writer of nodes then ties. */
    interface Sink extends AutoCloseable {
        void node(GraphNode node);

        void tie(ExportService.ExportTie tie);

        @Override
        void close();
    }

    // ---- GraphML ----------------------------------------------------------------------------------

    /**
     * GraphML (graphml.graphdrawing.org) as Gephi and yEd read it: keys declared first for every
     * property of the model, typed (long, double, boolean, string; dates and lists as text), then the
     * nodes ({@code type}, {@code label} = name) and the directed edges ({@code kind}, {@code relType}).
     */
    static Sink graphml(OutputStream out) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("graphml");
            xml.writeDefaultNamespace("http://graphml.graphdrawing.org/xmlns");
            key(xml, "node", "type", "string");
            key(xml, "node", "label", "string");
            var nodeKeys = new LinkedHashMap<String, String>();
            for (NodeType t : GraphModel.nodeTypes()) {
                for (Property p : t.properties()) {
                    nodeKeys.putIfAbsent(p.name(), graphmlType(p.type()));
                }
            }
            for (var e : nodeKeys.entrySet()) {
                key(xml, "node", "n_" + e.getKey(), e.getKey(), e.getValue());
            }
            key(xml, "edge", "kind", "string");
            key(xml, "edge", "relType", "string");
            key(xml, "edge", "e_since", "since", "string");
            key(xml, "edge", "e_until", "until", "string");
            var edgeKeys = new LinkedHashMap<String, String>();
            for (TieType t : GraphModel.tieTypes()) {
                for (Property p : t.properties()) {
                    edgeKeys.putIfAbsent(p.name(), graphmlType(p.type()));
                }
            }
            for (var e : edgeKeys.entrySet()) {
                key(xml, "edge", "e_" + e.getKey(), e.getKey(), e.getValue());
            }
            xml.writeStartElement("graph");
            xml.writeAttribute("id", "party-graph");
            xml.writeAttribute("edgedefault", "directed");
            return new Sink() {
                @Override
                public void node(GraphNode node) {
                    try {
                        xml.writeStartElement("node");
                        xml.writeAttribute("id", node.id());
                        data(xml, "type", node.type());
                        data(xml, "label", String.valueOf(node.getOrDefault("name", node.id())));
                        for (var e : node.properties().entrySet()) {
                            if (!e.getKey().equals("id") && nodeKeys.containsKey(e.getKey()) && e.getValue() != null) {
                                data(xml, "n_" + e.getKey(), text(e.getValue()));
                            }
                        }
                        xml.writeEndElement();
                    } catch (XMLStreamException e) {
                        throw new UncheckedIOException(new IOException(e));
                    }
                }

                @Override
                public void tie(ExportService.ExportTie tie) {
                    try {
                        xml.writeStartElement("edge");
                        xml.writeAttribute("id", String.valueOf(tie.properties().get("id")));
                        xml.writeAttribute("source", tie.from());
                        xml.writeAttribute("target", tie.to());
                        data(xml, "kind", tie.type().kind());
                        data(xml, "relType", tie.type().relType());
                        for (var e : tie.properties().entrySet()) {
                            if (e.getValue() == null || e.getKey().equals("id")) {
                                continue;
                            }
                            if (e.getKey().equals("since") || e.getKey().equals("until")) {
                                data(xml, "e_" + e.getKey(), text(e.getValue()));
                            } else if (edgeKeys.containsKey(e.getKey())) {
                                data(xml, "e_" + e.getKey(), text(e.getValue()));
                            }
                        }
                        xml.writeEndElement();
                    } catch (XMLStreamException e) {
                        throw new UncheckedIOException(new IOException(e));
                    }
                }

                @Override
                public void close() {
                    try {
                        xml.writeEndElement();
                        xml.writeEndElement();
                        xml.writeEndDocument();
                        xml.flush();
                    } catch (XMLStreamException e) {
                        throw new UncheckedIOException(new IOException(e));
                    }
                }
            };
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static void key(XMLStreamWriter xml, String target, String name, String type) throws XMLStreamException {
        key(xml, target, name, name, type);
    }

    private static void key(XMLStreamWriter xml, String target, String id, String name, String type)
            throws XMLStreamException {
        xml.writeEmptyElement("key");
        xml.writeAttribute("id", id);
        xml.writeAttribute("for", target);
        xml.writeAttribute("attr.name", name);
        xml.writeAttribute("attr.type", type);
    }

    private static void data(XMLStreamWriter xml, String key, String value) throws XMLStreamException {
        xml.writeStartElement("data");
        xml.writeAttribute("key", key);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static String graphmlType(PropertyType type) {
        return switch (type) {
            case INT -> "long";
            case FLOAT -> "double";
            case BOOLEAN -> "boolean";
            default -> "string";
        };
    }

    static String text(Object value) {
        if (value instanceof List<?> list) {
            var parts = new ArrayList<String>();
            list.forEach(v -> parts.add(text(v)));
            return String.join("；", parts);
        }
        if (value instanceof TemporalAccessor t) {
            return t.toString();
        }
        return String.valueOf(value);
    }

    // ---- Cytoscape.js / G6 JSON -------------------------------------------------------------------

    /**
     * Cytoscape.js elements ({@code {"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}}), which
     * G6 reads too once {@code data} is unwrapped: node data {@code id}, {@code type}, {@code label} and
     * the properties; edge data {@code id}, {@code source}, {@code target}, {@code kind} and the tie's
     * properties. Dates as ISO text.
     */
    static Sink json(OutputStream out, JsonMapper mapper) {
        JsonGenerator json = mapper.createGenerator(out);
        json.writeStartObject();
        json.writeName("elements");
        json.writeStartObject();
        json.writeName("nodes");
        json.writeStartArray();
        return new Sink() {
            boolean edges;

            @Override
            public void node(GraphNode node) {
                element(
                        json,
                        node.properties(),
                        "id",
                        node.id(),
                        "type",
                        node.type(),
                        "label",
                        String.valueOf(node.getOrDefault("name", node.id())));
            }

            @Override
            public void tie(ExportService.ExportTie tie) {
                if (!edges) {
                    json.writeEndArray();
                    json.writeName("edges");
                    json.writeStartArray();
                    edges = true;
                }
                element(
                        json,
                        tie.properties(),
                        "id",
                        String.valueOf(tie.properties().get("id")),
                        "source",
                        tie.from(),
                        "target",
                        tie.to(),
                        "kind",
                        tie.type().kind());
            }

            @Override
            public void close() {
                if (!edges) {
                    json.writeEndArray();
                    json.writeName("edges");
                    json.writeStartArray();
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndObject();
                json.close();
            }
        };
    }

    /** {@code {"data": {first the given names and texts, then every other property}}}. */
    private static void element(JsonGenerator json, Map<String, Object> properties, String... fixed) {
        json.writeStartObject();
        json.writeName("data");
        json.writeStartObject();
        for (int i = 0; i < fixed.length; i += 2) {
            json.writeStringProperty(fixed[i], fixed[i + 1]);
        }
        for (var e : properties.entrySet()) {
            if (!e.getKey().equals("id") && e.getValue() != null) {
                json.writeName(e.getKey());
                value(json, e.getValue());
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void value(JsonGenerator json, Object value) {
        switch (value) {
            case Number n when n instanceof Double || n instanceof Float -> json.writeNumber(n.doubleValue());
            case Number n -> json.writeNumber(n.longValue());
            case Boolean b -> json.writeBoolean(b);
            case List<?> list -> {
                json.writeStartArray();
                list.forEach(v -> value(json, v));
                json.writeEndArray();
            }
            default -> json.writeString(text(value));
        }
    }

    // ---- CSV --------------------------------------------------------------------------------------

    /** The CSV columns of a node type: id, then each property; Chinese headers as the import takes them. */
    static List<Property> columns(NodeType type) {
        var all = new ArrayList<Property>();
        all.add(new Property("id", PropertyType.STRING, false, true, false, "标识", null));
        all.addAll(type.properties());
        return all;
    }

    /** The CSV columns of a tie kind: its ends (by id), its dates, then each property. */
    static List<Property> columns(TieType type) {
        var all = new ArrayList<Property>();
        all.add(new Property("from", PropertyType.STRING, true, false, false, "起点", null));
        all.add(new Property("to", PropertyType.STRING, true, false, false, "终点", null));
        all.add(new Property("since", PropertyType.DATE, false, false, false, "开始日期", null));
        all.add(new Property("until", PropertyType.DATE, false, false, false, "结束日期", null));
        all.addAll(type.properties());
        return all;
    }

    /**
     * The nodes of one type or the ties of one kind as CSV in UTF-8 with a BOM (so that Excel reads the
     * Chinese), Chinese headers and Chinese labels for enum values, as the import reads them: an export
     * imports again unchanged.
     */
    static Sink csv(OutputStream out, List<Property> columns, boolean tie) {
        var headers = columns.stream().map(p -> p.label().replace("，个人信息", "")).toList();
        var keys = columns.stream().map(Property::name).toList();
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            var printer = new CSVPrinter(
                    new OutputStreamWriter(out, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180
                            .builder()
                            .setHeader(headers.toArray(String[]::new))
                            .get());
            return new Sink() {
                @Override
                public void node(GraphNode node) {
                    if (!tie) {
                        print(keys.stream().map(k -> node.get(k)).toList());
                    }
                }

                @Override
                public void tie(ExportService.ExportTie t) {
                    if (tie) {
                        var values = new ArrayList<Object>();
                        for (String k : keys) {
                            values.add(
                                    switch (k) {
                                        case "from" -> t.from();
                                        case "to" -> t.to();
                                        default -> t.properties().get(k);
                                    });
                        }
                        print(values);
                    }
                }

                private void print(List<Object> values) {
                    try {
                        var cells = new ArrayList<String>(values.size());
                        for (int i = 0; i < values.size(); i++) {
                            Object v = values.get(i);
                            var column = columns.get(i);
                            if (v != null && column.type() == PropertyType.ENUM) {
                                v = GraphModel.enumLabels(column.enumType())
                                        .getOrDefault(String.valueOf(v), String.valueOf(v));
                            }
                            cells.add(v == null ? "" : text(v));
                        }
                        printer.printRecord(cells);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void close() {
                    try {
                        printer.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

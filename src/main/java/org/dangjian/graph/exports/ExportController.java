package org.dangjian.graph.exports;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.Consumer;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.NodeType;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Jurisdictions;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports, streamed as they are read: the graph or a scope as GraphML (Gephi, yEd) or Cytoscape.js
 * JSON, the nodes of a type or ties of a kind as CSV, and the department's forms as .xlsx. Every role
 * may export; personal values are masked for roles that may not read them.
 */
@RestController
class ExportController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ExportService exports;
    private final DepartmentForms forms;
    private final JsonMapper json;
    private final Jurisdictions jurisdictions;

    ExportController(ExportService exports, DepartmentForms forms, JsonMapper json, Jurisdictions jurisdictions) {
        this.exports = exports;
        this.forms = forms;
        this.json = json;
        this.jurisdictions = jurisdictions;
    }

    /**
     * A restricted caller's export: of their jurisdiction when no scope is given, of a scope inside it
     * otherwise (NOT_FOUND outside), and only nodes inside it and ties between them.
     */
    private record Limited(String scope, Set<String> within) {

        Consumer<GraphNode> nodes(Consumer<GraphNode> sink) {
            return within == null
                    ? sink
                    : n -> {
                        if (within.contains(n.id())) {
                            sink.accept(n);
                        }
                    };
        }

        Consumer<ExportService.ExportTie> ties(Consumer<ExportService.ExportTie> sink) {
            return within == null
                    ? sink
                    : t -> {
                        if (within.contains(t.from()) && within.contains(t.to())) {
                            sink.accept(t);
                        }
                    };
        }
    }

    private Limited limited(Caller caller, String scope) {
        return new Limited(jurisdictions.scope(caller, scope), jurisdictions.within(caller));
    }

    @GetMapping("/exports/graph.graphml")
    ResponseEntity<StreamingResponseBody> graphml(
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            Authentication authentication) {
        return graph(
                "graph.graphml",
                MediaType.parseMediaType("application/graphml+xml"),
                GraphWriters::graphml,
                scope,
                asOf,
                authentication);
    }

    @GetMapping("/exports/graph.json")
    ResponseEntity<StreamingResponseBody> cytoscape(
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            Authentication authentication) {
        return graph(
                "graph.json",
                MediaType.APPLICATION_JSON,
                out -> GraphWriters.json(out, json),
                scope,
                asOf,
                authentication);
    }

    private ResponseEntity<StreamingResponseBody> graph(
            String name,
            MediaType type,
            java.util.function.Function<java.io.OutputStream, GraphWriters.Sink> writer,
            String scope,
            LocalDate asOf,
            Authentication authentication) {
        var caller = Caller.of(authentication);
        var limited = limited(caller, scope);
        exports.checkScope(limited.scope());
        return file(name, type, out -> {
            try (var sink = writer.apply(out)) {
                exports.export(caller, limited.scope(), asOf, limited.nodes(sink::node), limited.ties(sink::tie));
            }
        });
    }

    @GetMapping("/exports/{type}.csv")
    ResponseEntity<StreamingResponseBody> csv(
            @PathVariable String type,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            Authentication authentication) {
        var caller = Caller.of(authentication);
        NodeType node = GraphModel.nodeTypes().stream()
                .filter(t -> t.label().equalsIgnoreCase(type))
                .findFirst()
                .orElse(null);
        TieType tie = GraphModel.tieTypes().stream()
                .filter(t -> t.name().equalsIgnoreCase(type) || t.kind().equalsIgnoreCase(type))
                .findFirst()
                .orElse(null);
        if (node == null && tie == null) {
            throw ApiException.notFound("No node type or tie kind " + type);
        }
        var limited = limited(caller, scope);
        exports.checkScope(limited.scope());
        var columns = node != null ? GraphWriters.columns(node) : GraphWriters.columns(tie);
        String name = node != null ? node.label() : tie.name();
        return file(name + ".csv", MediaType.parseMediaType("text/csv;charset=UTF-8"), out -> {
            try (var sink = GraphWriters.csv(out, columns, tie != null)) {
                exports.exportType(
                        caller, limited.scope(), asOf, node, tie, limited.nodes(sink::node), limited.ties(sink::tie));
            }
        });
    }

    @GetMapping("/exports/reports/{name}.xlsx")
    ResponseEntity<StreamingResponseBody> form(
            @PathVariable String name,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String groupBy,
            Authentication authentication) {
        var caller = Caller.of(authentication);
        var form = DepartmentForms.form(name);
        String limitedScope = jurisdictions.scope(caller, scope);
        var first = forms.firstPage(caller, form, limitedScope, asOf, groupBy);
        return file(
                form.title() + ".xlsx",
                XLSX,
                out -> forms.write(caller, form, first, limitedScope, asOf, groupBy, out));
    }

    private static ResponseEntity<StreamingResponseBody> file(String name, MediaType type, StreamingResponseBody body) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''" + encoded)
                .body(body);
    }
}

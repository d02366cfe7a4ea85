package org.dangjian.graph.imports;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.paging.PageConnection;
import org.dangjian.graph.paging.Paging;
import org.dangjian.graph.security.Caller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Imports over HTTP ({@code POST /imports}, the job, its report, the templates) and GraphQL
 * ({@code importJob}, {@code importJobs}); all for roles that may write (EDITOR, ADMIN), as the
 * security configuration and the GraphQL access layer hold.
 */
@Controller
class ImportController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    /** Upload a file: {@code file}, {@code type}; {@code commit=true} writes; {@code validOnly=true} writes the valid rows. */
    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> upload(
            @RequestParam("file") MultipartFile file,
            @RequestParam("type") String type,
            @RequestParam(name = "commit", defaultValue = "false") boolean commit,
            @RequestParam(name = "validOnly", defaultValue = "false") boolean validOnly,
            Authentication authentication)
            throws IOException {
        if (file.isEmpty()) {
            throw ApiException.validation("The file is empty (文件为空)");
        }
        try (var in = file.getInputStream()) {
            var job =
                    imports.submit(Caller.of(authentication), in, file.getOriginalFilename(), type, commit, validOnly);
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .header(HttpHeaders.LOCATION, "/imports/" + job.id())
                    .body(view(job, List.of()));
        }
    }

    @GetMapping("/imports/{id}")
    @ResponseBody
    Map<String, Object> job(@PathVariable String id, Authentication authentication) {
        var job = mine(found(id), Caller.of(authentication));
        var problems = imports.problems(id);
        return view(job, problems.subList(0, Math.min(200, problems.size())));
    }

    @GetMapping("/imports/{id}/report.xlsx")
    ResponseEntity<StreamingResponseBody> report(@PathVariable String id, Authentication authentication) {
        var job = mine(found(id), Caller.of(authentication));
        var problems = imports.problems(id);
        return attachment(
                "导入问题-" + job.fileName() + ".xlsx", out -> Workbooks.report(job, problems, imports.upload(id), out));
    }

    /**
     * A user with a jurisdiction reads only their own jobs (a job's problems quote the values of its
     * rows); another's is NOT_FOUND, as for an id that names nothing.
     */
    private static ImportJob mine(ImportJob job, Caller caller) {
        if (!readable(job, caller)) {
            throw ApiException.notFound("No import job " + job.id());
        }
        return job;
    }

    private static boolean readable(ImportJob job, Caller caller) {
        return !caller.restricted() || caller.name().equals(job.user());
    }

    @GetMapping("/imports/templates/{name}.xlsx")
    ResponseEntity<StreamingResponseBody> template(@PathVariable String name) {
        var target = Target.of(name);
        if (target == null) {
            throw ApiException.notFound("No import template " + name + "; known: "
                    + Target.all().stream().map(Target::name).toList());
        }
        return attachment(target.name() + ".xlsx", out -> Workbooks.template(target, out));
    }

    @GetMapping("/imports/templates")
    @ResponseBody
    List<Map<String, Object>> templates() {
        return Target.all().stream()
                .map(t -> Map.<String, Object>of(
                        "name", t.name(),
                        "label", t.chineseName(),
                        "template", "/imports/templates/" + t.name() + ".xlsx"))
                .toList();
    }

    @QueryMapping
    ImportJob importJob(@Argument String id, graphql.schema.DataFetchingEnvironment env) {
        var job = imports.job(id);
        return job == null || !readable(job, Caller.of(env)) ? null : job;
    }

    @QueryMapping
    PageConnection<ImportJob> importJobs(
            @Argument Integer first, @Argument String after, graphql.schema.DataFetchingEnvironment env) {
        var caller = Caller.of(env);
        return imports.jobs(Paging.first(first), after, caller.restricted() ? caller.name() : null);
    }

    @SchemaMapping(typeName = "ImportJob", field = "problems")
    List<ImportJob.Problem> problems(ImportJob job, @Argument Integer first) {
        var all = imports.problems(job.id());
        return all.subList(0, Math.min(Paging.first(first), all.size()));
    }

    @SchemaMapping(typeName = "ImportJob", field = "rowsRead")
    long rowsRead(ImportJob job) {
        return job.finished() ? job.rows() : Math.max(job.rows(), imports.rowsRead(job.id()));
    }

    private ImportJob found(String id) {
        var job = imports.job(id);
        if (job == null) {
            throw ApiException.notFound("No import job " + id);
        }
        return job;
    }

    private static ResponseEntity<StreamingResponseBody> attachment(String name, StreamingResponseBody body) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''" + encoded)
                .body(body);
    }

    static Map<String, Object> view(ImportJob job, List<ImportJob.Problem> problems) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", job.id());
        m.put("target", job.target());
        m.put("fileName", job.fileName());
        m.put("format", job.format());
        m.put("status", job.status());
        m.put("phase", job.phase());
        m.put("mode", job.mode());
        m.put("commit", job.commit());
        m.put("validOnly", job.validOnly());
        m.put("rows", job.rows());
        m.put("validRows", job.validRows());
        m.put("invalidRows", job.invalidRows());
        m.put("problemCount", job.problemCount());
        m.put("created", job.created());
        m.put("updated", job.updated());
        m.put("unchanged", job.unchanged());
        m.put("committedRows", job.committedRows());
        m.put("progress", job.progress());
        m.put("resumed", job.resumed());
        m.put("message", job.message());
        m.put("messageZh", job.messageZh());
        m.put("user", job.user());
        m.put("startedAt", job.startedAt() == null ? null : job.startedAt().toString());
        m.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
        m.put("report", job.reportUrl());
        m.put("problems", problems);
        return m;
    }
}

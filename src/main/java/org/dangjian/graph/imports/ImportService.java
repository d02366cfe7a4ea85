package org.dangjian.graph.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.audit.AuditTrail;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.entity.EntityService;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.GraphNode;
import org.dangjian.graph.model.NodeType;
import org.dangjian.graph.model.Property;
import org.dangjian.graph.model.TieType;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Jurisdictions;
import org.dangjian.graph.security.PersonalData;
import org.dangjian.graph.security.Seal;
import org.dangjian.graph.security.Sealing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports a spreadsheet of nodes of one type or ties of one kind, in two phases.
 *
 * <p><b>Validate</b> (the dry run) reads every row, turns each cell into its value, applies the rules
 * of the mutations ({@link EntityService#check}, {@link EntityService#checkTie}, in transactions that
 * are rolled back), finds each row's node (by code, else id, else exact name) or tie (same ends and
 * start date), and reports every problem with its row, column, value and reason in Chinese and
 * English. <b>Commit</b> then writes: nothing when there were problems, unless only the valid rows are
 * asked for. A file up to {@code atomic-rows} rows is written in one transaction, all or nothing;
 * a larger one in batches, each batch advancing the journal ({@code (:ImportJob)}) in its own
 * transaction, so that a commit interrupted by a crash is taken up again from the journal when the
 * service starts ({@link ImportRecovery}) and says so ({@code resumed}). Importing a file twice
 * changes nothing the second time: rows are matched, and a row equal to its node is left alone.
 *
 * <p>Jobs run one at a time on a thread of their own; the upload is kept in the import directory
 * (owner-only) until its job is done, and the problems as long as their report may be asked for.
 */
@Service
public class ImportService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    /** Problems kept per job for the API and the report; the count goes on. */
    static final int PROBLEMS_KEPT = 100_000;

    /** Rows resolved against the graph together. */
    static final int CHUNK = 1_000;

    private final EntityService entities;
    private final Graph graph;
    private final ImportJobs jobs;
    private final AuditTrail audit;
    private final Sealing sealing;
    private final TransactionTemplate writes;
    private final JsonMapper json;
    private final Path directory;
    private final int atomicRows;
    private final int batchRows;
    private final int maxRows;
    private final ZoneId zone;
    private final java.time.Duration retention;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        var t = new Thread(r, "imports");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> progress = new ConcurrentHashMap<>();

    private final Jurisdictions jurisdictions;
    private final org.dangjian.graph.database.WritePause pause;

    ImportService(
            EntityService entities,
            Graph graph,
            ImportJobs jobs,
            AuditTrail audit,
            Sealing sealing,
            PlatformTransactionManager transactions,
            JsonMapper json,
            @Value("${party-graph.import.directory}") Path directory,
            @Value("${party-graph.import.atomic-rows:50000}") int atomicRows,
            @Value("${party-graph.import.batch-rows:5000}") int batchRows,
            @Value("${party-graph.import.max-rows:500000}") int maxRows,
            @Value("${party-graph.import.retention:24h}") java.time.Duration retention,
            @Value("${party-graph.time-zone:Asia/Shanghai}") String zone,
            Jurisdictions jurisdictions,
            org.dangjian.graph.database.WritePause pause) {
        this.jurisdictions = jurisdictions;
        this.pause = pause;
        this.retention = retention;
        this.entities = entities;
        this.graph = graph;
        this.jobs = jobs;
        this.audit = audit;
        this.sealing = sealing;
        this.writes = new TransactionTemplate(transactions);
        this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.directory = directory;
        this.atomicRows = atomicRows;
        this.batchRows = batchRows;
        this.maxRows = maxRows;
        this.zone = ZoneId.of(zone);
    }

    /**
     * Takes an upload: keeps the file, records the job and runs it in the background. Refuses an unknown
     * target at once.
     */
    public ImportJob submit(
            Caller caller,
            java.io.InputStream content,
            String fileName,
            String target,
            boolean commit,
            boolean validOnly)
            throws IOException {
        var job = start(caller, fileName, target, commit, validOnly, file -> Files.copy(content, file));
        runner.submit(() -> run(job, caller));
        return job;
    }

    /** Runs a job in the calling thread (the command line); the job is recorded like any other. */
    public ImportJob runHere(
            Caller caller,
            Path source,
            String target,
            boolean commit,
            boolean validOnly,
            Consumer<ImportJob> onProgress)
            throws IOException {
        var job = start(
                caller, source.getFileName().toString(), target, commit, validOnly, file -> Files.copy(source, file));
        this.listener = onProgress;
        try {
            return run(job, caller);
        } finally {
            this.listener = null;
        }
    }

    private interface Upload {
        void into(Path file) throws IOException;
    }

    /** Keeps the upload (owner-only) and records the job; refuses an unknown target at once. */
    private ImportJob start(
            Caller caller, String fileName, String target, boolean commit, boolean validOnly, Upload upload)
            throws IOException {
        var t = Target.of(target == null ? "" : target.strip());
        if (t == null) {
            throw ApiException.validation("Unknown import type " + target + "; known: "
                    + Target.all().stream().map(Target::name).toList());
        }
        Files.createDirectories(directory);
        removeExpired();
        String id = "import-" + UUID.randomUUID();
        upload.into(upload(id));
        restrict(upload(id));
        var job = ImportJob.of(d -> {
            d.id = id;
            d.target = t.name();
            d.fileName = clean(fileName);
            d.status = "VALIDATING";
            d.user = caller.name();
            d.commit = commit;
            d.validOnly = validOnly;
            d.startedAt = ZonedDateTime.now(zone);
        });
        jobs.save(job);
        if (caller.restricted()) { // a job taken up again after a restart keeps to the same jurisdictions
            jobs.saveJurisdictions(id, caller.jurisdictionIds());
        }
        return job;
    }

    private volatile Consumer<ImportJob> listener;

    /** The job as recorded, with the live count of rows while it runs. */
    public ImportJob job(String id) {
        return jobs.find(id);
    }

    /** Rows read so far by a running job. */
    public long rowsRead(String id) {
        return progress.getOrDefault(id, 0L);
    }

    /** Jobs newest first; only {@code user}'s when given (a user with a jurisdiction sees only theirs). */
    public org.dangjian.graph.paging.PageConnection<ImportJob> jobs(int first, String after, String user) {
        return jobs.page(first, after, user);
    }

    /** The problems of a job, as kept; empty when none or gone. */
    public List<ImportJob.Problem> problems(String id) {
        Path file = problemsFile(id);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.of(json.readValue(file.toFile(), ImportJob.Problem[].class));
        } catch (RuntimeException e) {
            log.warn("Cannot read the problems of {}: {}", id, e.toString());
            return List.of();
        }
    }

    Path upload(String id) {
        return directory.resolve(id + ".upload");
    }

    Path problemsFile(String id) {
        return directory.resolve(id + ".problems.json");
    }

    /** Takes up the jobs a crash interrupted while committing (see {@link ImportRecovery}). */
    void resumeInterrupted() {
        for (var job : jobs.interrupted()) {
            if (!Files.exists(upload(job.id()))) {
                jobs.save(with(
                        job,
                        "FAILED",
                        "The service stopped during the commit and the upload is gone; rows committed: "
                                + job.committedRows(),
                        "提交时服务中断且上传文件已不存在；已提交 " + job.committedRows() + " 行"));
                continue;
            }
            log.info("Resuming import {} ({}) from row {}", job.id(), job.fileName(), job.committedRows());
            var resumed = job.with(d -> {
                d.status = "COMMITTING";
                d.resumed = true;
                d.finishedAt = null;
            });
            jobs.save(resumed);
            var limits = jobs.jurisdictions(job.id());
            runner.submit(() -> run(
                    resumed,
                    new Caller(job.user(), java.util.EnumSet.of(org.dangjian.graph.security.Role.EDITOR), limits)));
        }
    }

    // ---- the run ----------------------------------------------------------------------------------

    private ImportJob run(ImportJob job, Caller caller) {
        try {
            return runChecked(job, caller);
        } catch (Sheet.Unreadable e) {
            var failed = with(job, "INVALID", e.getMessage(), e.zh);
            failed = failed.with(d -> d.problemCount = 1);
            writeProblems(job.id(), List.of(new ImportJob.Problem(0, null, null, e.zh, e.getMessage())));
            jobs.save(failed);
            deleteQuietly(upload(job.id())); // nothing to report against
            return failed;
        } catch (Exception e) {
            log.error("Import {} failed", job.id(), e);
            var failed =
                    with(job, "FAILED", "Unexpected failure: " + e.getClass().getSimpleName(), "导入意外失败");
            jobs.save(failed);
            return failed;
        } finally {
            progress.remove(job.id());
        }
    }

    private ImportJob runChecked(ImportJob job, Caller caller) throws Exception {
        // A batched commit taken up again goes on from its journal; anything else starts from the top.
        boolean goOn = job.resumed() && "BATCHED".equals(job.mode());
        long[] base =
                goOn ? new long[] {job.created(), job.updated(), job.unchanged(), job.committedRows()} : new long[4];
        var target = Target.of(job.target());
        Path file = upload(job.id());
        var format = Sheet.format(file, job.fileName());
        job = job.with(d -> d.format = format.name());
        // Phase 1: validate every row.
        var inside = jurisdictions.inside(caller);
        var outcome = validate(job.id(), target, file, format, inside);
        writeProblems(job.id(), outcome.problems);
        long invalid = outcome.invalid.cardinality();
        job = job.with(d -> {
            d.rows = outcome.rows;
            d.validRows = outcome.rows - invalid;
            d.invalidRows = invalid;
            d.problemCount = outcome.problemCount;
        });
        job = withTally(job, outcome.created, outcome.updated, outcome.unchanged, job.committedRows());
        if (!job.commit() || (outcome.problemCount > 0 && !job.validOnly())) {
            String status = outcome.problemCount > 0 ? "INVALID" : "VALID";
            job = with(
                    job,
                    status,
                    outcome.problemCount > 0
                            ? outcome.problemCount + " problems in " + invalid + " rows"
                                    + (job.commit() ? "; nothing was written" : "")
                            : "All " + outcome.rows + " rows are valid"
                                    + (job.commit() ? "" : "; nothing was written (dry run)"),
                    outcome.problemCount > 0
                            ? invalid + " 行有 " + outcome.problemCount + " 处问题" + (job.commit() ? "，未写入任何数据" : "")
                            : "全部 " + outcome.rows + " 行有效" + (job.commit() ? "" : "（试导入，未写入）"));
            jobs.save(job);
            if (outcome.problemCount == 0) {
                Files.deleteIfExists(file);
            }
            return job;
        }
        // Phase 2: commit.
        boolean atomic = outcome.rows <= atomicRows;
        job = job.with(d -> {
            d.mode = atomic ? "ATOMIC" : "BATCHED";
            d.status = "COMMITTING";
        });
        jobs.save(job);
        job = commit(
                withTally(job, base[0], base[1], base[2], base[3]),
                caller,
                target,
                file,
                format,
                outcome.invalid,
                atomic);
        if (outcome.problemCount == 0) {
            Files.deleteIfExists(file); // kept otherwise, for the report of the rows left out
        }
        return job;
    }

    /** What the dry run found. */
    private static final class Outcome {
        /** What the importing user may change; null for a user of the whole graph. */
        Jurisdictions.Inside inside;

        long rows;
        long problemCount;
        long created;
        long updated;
        long unchanged;
        final BitSet invalid = new BitSet();
        final List<ImportJob.Problem> problems = new ArrayList<>();

        void problem(int row, String column, String value, String zh, String en) {
            problemCount++;
            invalid.set(row);
            if (problems.size() < PROBLEMS_KEPT) {
                problems.add(new ImportJob.Problem(row, column, value, zh, en));
            }
        }
    }

    /** One data row, parsed: values by column key, and what it is to do once resolved. */
    private static final class Parsed {
        final int row;
        final Map<String, Object> values = new LinkedHashMap<>();
        final Map<String, String> texts = new HashMap<>();
        boolean bad;
        // resolved
        GraphNode existing;
        Map<String, Object> changes;
        String fromId;
        String toId;
        String refId;
        String tieAction; // NEW, END, SAME
        String existingTieId;

        Parsed(int row) {
            this.row = row;
        }
    }

    private Outcome validate(String jobId, Target target, Path file, Sheet.Format format, Jurisdictions.Inside inside)
            throws Exception {
        var outcome = new Outcome();
        outcome.inside = inside;
        var state = new ValidationState();
        try {
            readForValidation(file, format, target, jobId, outcome, state);
        } catch (HeaderProblem e) {
            throw new Sheet.Unreadable(
                    "表头有误：" + String.join("；", e.layout.problemsZh()),
                    "Wrong headers: " + String.join("; ", e.layout.problemsEn()));
        }
        if (state.layout == null) {
            throw new Sheet.Unreadable("文件没有表头行", "The file has no header row");
        }
        resolveChunk(target, state.chunk, outcome, true);
        if (outcome.rows == 0) {
            throw new Sheet.Unreadable("文件只有表头，没有数据行", "The file has a header but no data rows");
        }
        return outcome;
    }

    /** What validation carries from row to row. */
    private static final class ValidationState {
        Target.Layout layout;
        List<Parsed> chunk = new ArrayList<>();
        final Map<String, Integer> firstRow = new HashMap<>();
    }

    private void readForValidation(
            Path file, Sheet.Format format, Target target, String jobId, Outcome outcome, ValidationState state)
            throws IOException, Sheet.Unreadable {
        Sheet.read(file, format, maxRows, row -> {
            if (state.layout == null) {
                state.layout = target.layout(row.cells());
                if (!state.layout.problemsEn().isEmpty()) {
                    throw new HeaderProblem(state.layout);
                }
                return;
            }
            outcome.rows++;
            progress.put(jobId, outcome.rows);
            var parsed = parse(target, state.layout, row, outcome);
            // Duplicates inside the file.
            String key = fileKey(target, parsed);
            if (key != null) {
                Integer first = state.firstRow.putIfAbsent(key, row.number());
                if (first != null) {
                    outcome.problem(row.number(), null, key, "与第 " + first + " 行重复", "Repeats row " + first);
                    parsed.bad = true;
                }
            }
            state.chunk.add(parsed);
            if (state.chunk.size() >= CHUNK) {
                resolveChunk(target, state.chunk, outcome, true);
                state.chunk = new ArrayList<>();
            }
            tick(jobId, outcome);
        });
    }

    private void tick(String jobId, Outcome outcome) {
        var l = listener;
        if (l != null && outcome.rows % CHUNK == 0) {
            l.accept(ImportJob.of(d -> {
                d.id = jobId;
                d.status = "VALIDATING";
                d.rows = outcome.rows;
                d.problemCount = outcome.problemCount;
            }));
        }
    }

    /** Wrong, unknown or missing headers: the file is refused as a whole. */
    private static final class HeaderProblem extends RuntimeException {
        final Target.Layout layout;

        HeaderProblem(Target.Layout layout) {
            super(String.join("; ", layout.problemsEn()), null, false, false);
            this.layout = layout;
        }
    }

    private Parsed parse(Target target, Target.Layout layout, Sheet.Row row, Outcome outcome) {
        var parsed = new Parsed(row.number());
        for (var e : layout.positions().entrySet()) {
            var column = e.getKey();
            int at = e.getValue();
            String text = at < row.cells().size() ? row.cells().get(at) : null;
            if (text == null || text.isBlank()) {
                continue;
            }
            if (text.length() > Sheet.MAX_CELL) {
                outcome.problem(
                        row.number(),
                        column.zh(),
                        text.substring(0, 20) + "…",
                        "单元格超过 " + Sheet.MAX_CELL + " 个字符",
                        "The cell is longer than " + Sheet.MAX_CELL + " characters");
                parsed.bad = true;
                continue;
            }
            String refused = org.dangjian.graph.api.StrictInput.problem(text);
            if (refused != null) {
                outcome.problem(
                        row.number(),
                        column.zh(),
                        shown(target, column, text),
                        "含有不允许的字符：" + refused,
                        "Holds a character that is refused: " + refused);
                parsed.bad = true;
                continue;
            }
            String normal = java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFC);
            parsed.texts.put(column.key(), normal);
            try {
                parsed.values.put(column.key(), Target.value(column, normal));
            } catch (Target.BadValue bad) {
                outcome.problem(row.number(), column.zh(), shown(target, column, normal), bad.zh, bad.getMessage());
                parsed.bad = true;
            }
        }
        if (target.tie() != null) {
            for (String end : List.of(Target.FROM, Target.TO)) {
                if (!parsed.texts.containsKey(end) && !parsed.bad) {
                    var column = target.columns().stream()
                            .filter(c -> c.key().equals(end))
                            .findFirst()
                            .orElseThrow();
                    outcome.problem(row.number(), column.zh(), "", "必填：" + column.zh(), "Required: " + column.en());
                    parsed.bad = true;
                }
            }
        }
        return parsed;
    }

    /** A value as a problem may show it: personal values masked. */
    private static String shown(Target target, Target.Column column, String text) {
        boolean personal = target.node() != null
                && target.node().property(column.key()).map(Property::personal).orElse(false);
        return personal ? PersonalData.mask(column.key(), text) : text;
    }

    private static String fileKey(Target target, Parsed p) {
        if (target.node() != null) {
            if (p.texts.containsKey("code")) {
                return "code " + p.texts.get("code");
            }
            if (p.texts.containsKey(Target.ID)) {
                return "id " + p.texts.get(Target.ID);
            }
            return p.texts.containsKey("name") ? "name " + p.texts.get("name") : null;
        }
        return p.texts.get(Target.FROM) + " → " + p.texts.get(Target.TO) + " "
                + Objects.toString(p.values.get("since"), "");
    }

    // ---- resolving a chunk of rows against the graph ----------------------------------------------------

    private void resolveChunk(Target target, List<Parsed> chunk, Outcome outcome, boolean dryRun) {
        if (chunk.isEmpty()) {
            return;
        }
        if (target.node() != null) {
            resolveNodes(target.node(), chunk, outcome);
        } else {
            resolveTies(target, chunk, outcome, dryRun);
        }
    }

    private void resolveNodes(NodeType type, List<Parsed> chunk, Outcome outcome) {
        var byId = nodes("MATCH (n:Entity) WHERE n.id IN $keys", texts(chunk, Target.ID));
        var byCode = type.property("code").isPresent()
                ? nodes("MATCH (n:" + type.label() + ") WHERE n.code IN $keys", texts(chunk, "code"))
                : List.<GraphNode>of();
        var names = new ArrayList<String>();
        for (var p : chunk) {
            if (!p.texts.containsKey(Target.ID) && !p.texts.containsKey("code") && p.texts.containsKey("name")) {
                names.add(p.texts.get("name"));
            }
        }
        var byName = nodes("MATCH (n:" + type.label() + ") WHERE n.name IN $keys", names);
        for (var p : chunk) {
            if (p.bad) {
                continue;
            }
            String id = p.texts.get(Target.ID);
            String code = p.texts.get("code");
            GraphNode found = null;
            if (id != null) {
                found = byId.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
                if (found == null || !found.type().equals(type.label()) || outside(found, outcome)) {
                    outcome.problem(
                            p.row,
                            "标识",
                            id,
                            "没有这个标识的" + GraphModel.chineseName(type),
                            "No " + type.label() + " with id " + id);
                    continue;
                }
                if (code != null) {
                    var holder = byCode.stream()
                            .filter(n -> code.equals(n.get("code")))
                            .findFirst()
                            .orElse(null);
                    if (holder != null && !holder.id().equals(id) && outside(holder, outcome)) {
                        codeTakenOutside(p, code, outcome);
                        continue;
                    }
                    if (holder != null && !holder.id().equals(id)) {
                        outcome.problem(
                                p.row,
                                "代码",
                                code,
                                "代码已被另一节点使用：" + holder.get("name") + "（" + holder.id() + "）",
                                "The code belongs to another node: " + holder.get("name") + " (" + holder.id() + ")");
                        continue;
                    }
                }
            } else if (code != null) {
                found = byCode.stream()
                        .filter(n -> code.equals(n.get("code")))
                        .findFirst()
                        .orElse(null);
                if (found != null && outside(found, outcome)) {
                    codeTakenOutside(p, code, outcome);
                    continue;
                }
            } else {
                String name = p.texts.get("name");
                var candidates = byName.stream()
                        .filter(n -> n.get("name").equals(name) && !outside(n, outcome))
                        .toList();
                if (candidates.size() > 1) {
                    String list = String.join(
                            ", ",
                            candidates.stream()
                                    .map(n -> n.id() + (n.get("code") == null ? "" : " / " + n.get("code")))
                                    .toList());
                    outcome.problem(
                            p.row,
                            "名称",
                            name,
                            "名称不唯一，请填写标识或代码；候选：" + list,
                            "The name is ambiguous; give the id or code. Candidates: " + list);
                    continue;
                }
                found = candidates.isEmpty() ? null : candidates.getFirst();
            }
            var input = new LinkedHashMap<>(p.values);
            input.remove(Target.ID);
            try {
                var cleaned = EntityService.check(type, input, found == null);
                if (found == null) {
                    p.changes = cleaned;
                    outcome.created++;
                } else {
                    var changes = changes(type, found, cleaned);
                    p.existing = found;
                    p.changes = changes;
                    if (changes.isEmpty()) {
                        outcome.unchanged++;
                    } else {
                        outcome.updated++;
                    }
                }
            } catch (ApiException e) {
                outcome.problem(p.row, null, null, "不符合规则：" + e.getMessage(), e.getMessage());
            }
        }
    }

    /** The properties of the row that differ from the node's; personal ones compared opened. */
    private Map<String, Object> changes(NodeType type, GraphNode node, Map<String, Object> cleaned) {
        var changes = new LinkedHashMap<String, Object>();
        Seal seal = sealing.available() ? sealing.seal() : null;
        cleaned.forEach((k, v) -> {
            Object stored = node.get(k);
            boolean personal = type.property(k).map(Property::personal).orElse(false);
            if (personal && seal != null && Seal.isSealed(stored)) {
                stored = seal.openTyped(type.label(), k, node.id(), stored);
            }
            if (!same(stored, v)) {
                changes.put(k, v);
            }
        });
        return changes;
    }

    private static boolean same(Object stored, Object value) {
        if (stored instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(stored, value);
    }

    private void resolveTies(Target target, List<Parsed> chunk, Outcome outcome, boolean dryRun) {
        TieType type = target.tie();
        var froms = ends(type.fromLabels(), texts(chunk, Target.FROM));
        var tos = ends(type.toLabels(), texts(chunk, Target.TO));
        var refs = new HashMap<String, Map<String, List<GraphNode>>>();
        type.refs().forEach((property, label) -> refs.put(property, ends(Set.of(label), texts(chunk, property))));
        var candidates = new ArrayList<Parsed>();
        for (var p : chunk) {
            if (p.bad) {
                continue;
            }
            p.fromId = end(p, Target.FROM, target.zh(Target.FROM), froms, type.fromLabels(), outcome);
            p.toId = end(p, Target.TO, target.zh(Target.TO), tos, type.toLabels(), outcome);
            for (var ref : type.refs().entrySet()) {
                if (p.texts.containsKey(ref.getKey())) {
                    p.refId = end(
                            p,
                            ref.getKey(),
                            target.zh(ref.getKey()),
                            refs.get(ref.getKey()),
                            Set.of(ref.getValue()),
                            outcome);
                    if (p.refId != null) {
                        p.values.put(ref.getKey(), p.refId);
                    } else {
                        p.fromId = null;
                    }
                }
            }
            if (p.fromId != null && p.toId != null) {
                if (!p.values.containsKey("since")) {
                    p.values.put("since", LocalDate.now(zone));
                }
                candidates.add(p);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        // Ties already there: same kind, same ends, same start date.
        var pairs = candidates.stream()
                .map(p -> Map.<String, Object>of("from", p.fromId, "to", p.toId, "since", p.values.get("since")))
                .toList();
        var existing = graph.rows(
                "UNWIND $pairs AS p MATCH (a:Entity {id: p.from})-[r:" + type.relType()
                        + "]->(b:Entity {id: p.to}) WHERE r.since = p.since RETURN p.from AS from, p.to AS to, p.since AS since, r {.*} AS tie",
                Map.of("pairs", pairs));
        var fresh = new ArrayList<Parsed>();
        for (var p : candidates) {
            var match = existing.stream()
                    .filter(r -> r.get("from").equals(p.fromId)
                            && r.get("to").equals(p.toId)
                            && r.get("since").equals(p.values.get("since")))
                    .findFirst()
                    .orElse(null);
            if (match == null) {
                fresh.add(p);
                continue;
            }
            @SuppressWarnings("unchecked")
            var tie = (Map<String, Object>) match.get("tie");
            p.existingTieId = (String) tie.get("id");
            boolean sameProps = type.properties().stream()
                    .allMatch(prop -> !p.values.containsKey(prop.name())
                            || same(tie.get(prop.name()), p.values.get(prop.name())));
            Object until = p.values.get("until");
            if (sameProps && Objects.equals(tie.get("until"), until)) {
                p.tieAction = "SAME";
                outcome.unchanged++;
            } else if (sameProps && tie.get("until") == null && until != null) {
                p.tieAction = "END";
                outcome.updated++;
            } else {
                outcome.problem(
                        p.row,
                        null,
                        p.existingTieId,
                        "已有开始日期相同而内容不同的关系 " + p.existingTieId + "；请先结束它再导入新的",
                        "A tie with the same ends and start date but other values exists (" + p.existingTieId
                                + "); end it first");
            }
        }
        if (!dryRun) {
            fresh.forEach(p -> p.tieAction = "NEW"); // counted when written
            return;
        }
        if (fresh.isEmpty()) {
            return;
        }
        // The rules of addTie, in a transaction that is rolled back.
        var check = new TransactionTemplate(writes.getTransactionManager());
        check.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        check.executeWithoutResult(status -> {
            for (var p : fresh) {
                try {
                    entities.checkTie(tieInput(type, p));
                    p.tieAction = "NEW";
                    outcome.created++;
                } catch (ApiException e) {
                    outcome.problem(p.row, null, null, "不符合规则：" + e.getMessage(), e.getMessage());
                }
            }
            status.setRollbackOnly();
        });
    }

    private static Map<String, Object> tieInput(TieType type, Parsed p) {
        var properties = new LinkedHashMap<String, Object>();
        type.properties().forEach(prop -> {
            if (p.values.containsKey(prop.name())) {
                properties.put(prop.name(), p.values.get(prop.name()));
            }
        });
        return EntityService.tieInput(
                type,
                p.fromId,
                p.toId,
                (LocalDate) p.values.get("since"),
                (LocalDate) p.values.get("until"),
                properties);
    }

    /** Nodes of the given labels named by id, code or exact name, by the text that named them. */
    private Map<String, List<GraphNode>> ends(Set<String> labels, List<String> keys) {
        var found = new HashMap<String, List<GraphNode>>();
        if (keys.isEmpty()) {
            return found;
        }
        for (var n : nodes("MATCH (n:Entity) WHERE n.id IN $keys", keys)) {
            if (labels.contains(n.type())) {
                found.computeIfAbsent("id:" + n.id(), k -> new ArrayList<>()).add(n);
            }
        }
        for (String label : labels) {
            if (GraphModel.nodeType(label).property("code").isPresent()) {
                for (var n : nodes("MATCH (n:" + label + ") WHERE n.code IN $keys", keys)) {
                    found.computeIfAbsent("code:" + n.get("code"), k -> new ArrayList<>())
                            .add(n);
                }
            }
            for (var n : nodes("MATCH (n:" + label + ") WHERE n.name IN $keys", keys)) {
                found.computeIfAbsent("name:" + n.get("name"), k -> new ArrayList<>())
                        .add(n);
            }
        }
        return found;
    }

    /** A row's code is held by a node outside the importing user's jurisdiction: refused, the holder unnamed. */
    private static void codeTakenOutside(Parsed p, String code, Outcome outcome) {
        outcome.problem(
                p.row, "代码", code, "代码已被使用（不在您的数据权限范围内）", "The code is taken by a node outside your jurisdiction");
    }

    /** Whether a node lies outside the importing user's jurisdiction (rows naming it are refused). */
    private static boolean outside(GraphNode node, Outcome outcome) {
        return outcome.inside != null && !outcome.inside.contains(node.id());
    }

    private static String end(
            Parsed p,
            String key,
            String column,
            Map<String, List<GraphNode>> found,
            Set<String> labels,
            Outcome outcome) {
        String text = p.texts.get(key);
        for (String how : List.of("id:", "code:", "name:")) {
            var nodes = found.get(how + text);
            if (nodes != null && outcome.inside != null) { // nodes outside the jurisdiction are not found
                nodes = nodes.stream().filter(n -> !outside(n, outcome)).toList();
            }
            if (nodes == null || nodes.isEmpty()) {
                continue;
            }
            if (nodes.size() > 1) {
                String list = String.join(
                        ", ",
                        nodes.stream()
                                .map(n -> n.id() + (n.get("code") == null ? "" : " / " + n.get("code")))
                                .toList());
                outcome.problem(
                        p.row,
                        column,
                        text,
                        "名称不唯一，请填写标识或代码；候选：" + list,
                        "The name is ambiguous; give the id or code. Candidates: " + list);
                return null;
            }
            return nodes.getFirst().id();
        }
        String what = String.join(
                "或",
                labels.stream()
                        .sorted()
                        .map(l -> GraphModel.chineseName(GraphModel.nodeType(l)))
                        .toList());
        outcome.problem(
                p.row,
                column,
                text,
                "找不到这个" + what + "（按标识、代码或准确名称）",
                "No " + String.join(" or ", labels) + " with this id, code or exact name");
        return null;
    }

    private List<GraphNode> nodes(String match, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return graph
                .rows(
                        match + " RETURN n {.*, " + GraphNode.TYPE_KEY
                                + ": [l IN labels(n) WHERE l <> 'Entity'][0]} AS n",
                        Map.of("keys", keys))
                .stream()
                .map(r -> GraphNode.of(r.get("n")))
                .toList();
    }

    private static String zh(NodeType type, String key) {
        return Target.of(type.label()).zh(key);
    }

    private static List<String> texts(List<Parsed> chunk, String key) {
        return chunk.stream()
                .map(p -> p.texts.get(key))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    // ---- commit -----------------------------------------------------------------------------------

    private ImportJob commit(
            ImportJob job, Caller caller, Target target, Path file, Sheet.Format format, BitSet invalid, boolean atomic)
            throws Exception {
        var state = new Object() {
            Target.Layout layout;
            List<Parsed> batch = new ArrayList<>();
            ImportJob job;
            long created = 0;
            long updated = 0;
            long unchanged = 0;
            int rowsSeen = 0;
        };
        state.job = job;
        state.created = job.created();
        state.updated = job.updated();
        state.unchanged = job.unchanged();
        long skip = job.committedRows();
        int size = atomic ? Integer.MAX_VALUE : batchRows;
        var ignored = new Outcome();
        var inside = jurisdictions.inside(caller);
        Consumer<List<Parsed>> flush = rows -> {
            var outcome = new Outcome();
            outcome.inside = inside;
            pause.writing(() -> writes.executeWithoutResult(status -> {
                for (int at = 0; at < rows.size(); at += CHUNK) {
                    var chunk = rows.subList(at, Math.min(rows.size(), at + CHUNK));
                    resolveChunk(target, chunk, outcome, false);
                    if (outcome.problemCount > 0) {
                        var first = outcome.problems.getFirst();
                        throw new CommitProblem(first);
                    }
                    if (target.node() != null) {
                        // New nodes of a chunk in one statement: their rules ran when the chunk was resolved,
                        // in this transaction (codes free, required values present).
                        var fresh = chunk.stream()
                                .filter(p -> p.existing == null && p.changes != null)
                                .map(p -> p.changes)
                                .toList();
                        entities.createAll(target.node(), fresh);
                    }
                    for (var p : chunk) {
                        apply(target, p, outcome);
                    }
                }
                state.created += outcome.created;
                state.updated += outcome.updated;
                state.unchanged += outcome.unchanged;
                long committed = state.rowsSeen;
                var next = withTally(state.job, state.created, state.updated, state.unchanged, committed);
                if (atomic) {
                    next = with(next, "COMMITTED", message(next), messageZh(next));
                    recordImport(caller, next, true, null);
                }
                jobs.save(next);
                state.job = next;
            }));
            var l = listener;
            if (l != null) {
                l.accept(state.job);
            }
        };
        try {
            Sheet.read(file, format, maxRows, row -> {
                if (state.layout == null) {
                    state.layout = target.layout(row.cells());
                    return;
                }
                state.rowsSeen++;
                if (state.rowsSeen <= skip || invalid.get(row.number())) {
                    return;
                }
                var parsed = parse(target, state.layout, row, ignored);
                state.batch.add(parsed);
                if (state.batch.size() >= size) {
                    flush.accept(state.batch);
                    state.batch = new ArrayList<>();
                }
            });
            flush.accept(state.batch);
        } catch (CommitProblem e) {
            var p = e.problem;
            var failed = with(
                    state.job,
                    "FAILED",
                    "Row " + p.row() + ": " + p.reason()
                            + (atomic
                                    ? "; nothing was written"
                                    : "; rows committed before: " + state.job.committedRows()),
                    "第 " + p.row() + " 行：" + p.reasonZh()
                            + (atomic ? "；未写入任何数据" : "；此前已提交 " + state.job.committedRows() + " 行"));
            jobs.save(failed);
            recordImport(caller, failed, false, p.reason());
            return failed;
        }
        var done = state.job;
        if (!done.status().equals("COMMITTED")) {
            done = with(done, "COMMITTED", message(done), messageZh(done));
            jobs.save(done);
            recordImport(caller, done, true, null);
        }
        return done;
    }

    private static final class CommitProblem extends RuntimeException {
        final ImportJob.Problem problem;

        CommitProblem(ImportJob.Problem problem) {
            super(problem.reason(), null, false, false);
            this.problem = problem;
        }
    }

    private void apply(Target target, Parsed p, Outcome outcome) {
        try {
            if (target.node() != null) {
                NodeType type = target.node();
                if (p.existing != null && !p.changes.isEmpty()) {
                    var input = new LinkedHashMap<>(p.changes);
                    input.put("id", p.existing.id());
                    entities.update(type, input);
                }
            } else if ("NEW".equals(p.tieAction)) {
                entities.addTie(tieInput(target.tie(), p));
                outcome.created++;
            } else if ("END".equals(p.tieAction)) {
                entities.endTie(p.existingTieId, (LocalDate) p.values.get("until"));
            }
        } catch (ApiException e) {
            throw new CommitProblem(
                    new ImportJob.Problem(p.row, null, null, "不符合规则：" + e.getMessage(), e.getMessage()));
        }
    }

    private void recordImport(Caller caller, ImportJob job, boolean success, String error) {
        var arguments = new LinkedHashMap<String, Object>();
        arguments.put("job", job.id());
        arguments.put("target", job.target());
        arguments.put("file", job.fileName());
        arguments.put("mode", job.mode());
        arguments.put("rows", job.rows());
        arguments.put("validRows", job.validRows());
        arguments.put("created", job.created());
        arguments.put("updated", job.updated());
        arguments.put("unchanged", job.unchanged());
        arguments.put("resumed", job.resumed());
        var event = new AuditTrail.Event(
                AuditTrail.Kind.IMPORT,
                "import",
                job.target(),
                caller,
                arguments,
                Set.of(job.id()),
                success,
                success ? null : "VALIDATION",
                error);
        if (success && "ATOMIC".equals(job.mode())) {
            audit.recordHere(event); // in the import's own transaction
        } else {
            audit.recordAlone(event);
        }
    }

    // ---- small helpers ----------------------------------------------------------------------------

    private void writeProblems(String id, List<ImportJob.Problem> problems) {
        try {
            Files.createDirectories(directory);
            json.writeValue(problemsFile(id).toFile(), problems);
            restrict(problemsFile(id));
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot write the problems of {}: {}", id, e.toString());
        }
    }

    /** Uploads and problems of jobs finished longer ago than the retention are removed. */
    private void removeExpired() {
        var limit = java.time.Instant.now().minus(retention);
        try (var files = Files.list(directory)) {
            files.filter(f -> {
                        try {
                            return Files.getLastModifiedTime(f).toInstant().isBefore(limit)
                                    && !jobs.isRunning(
                                            f.getFileName().toString().replaceAll("\\..*$", ""));
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .forEach(ImportService::deleteQuietly);
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", directory, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.toString());
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    private static String clean(String fileName) {
        if (fileName == null) {
            return "upload";
        }
        String name = Path.of(fileName.replace('\\', '/')).getFileName().toString();
        return org.dangjian.graph.api.StrictInput.problem(name) == null ? name : "upload";
    }

    private static String message(ImportJob j) {
        return j.created() + " created, " + j.updated() + " updated, " + j.unchanged() + " unchanged"
                + (j.invalidRows() > 0 ? "; " + j.invalidRows() + " invalid rows left out" : "");
    }

    private static String messageZh(ImportJob j) {
        return "新增 " + j.created() + "，修改 " + j.updated() + "，未变 " + j.unchanged()
                + (j.invalidRows() > 0 ? "；跳过无效行 " + j.invalidRows() : "");
    }

    private ImportJob with(ImportJob j, String status, String message, String messageZh) {
        boolean done = List.of("COMMITTED", "INVALID", "VALID", "FAILED").contains(status);
        return j.with(d -> {
            d.status = status;
            d.message = message;
            d.messageZh = messageZh;
            d.finishedAt = done ? ZonedDateTime.now(zone) : null;
        });
    }

    private static ImportJob withTally(ImportJob j, long created, long updated, long unchanged, long committed) {
        return j.with(d -> {
            d.created = created;
            d.updated = updated;
            d.unchanged = unchanged;
            d.committedRows = committed;
        });
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}

package org.dangjian.graph.imports;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.paging.KeysetCursors;
import org.dangjian.graph.paging.PageConnection;
import org.springframework.stereotype.Repository;

/** The import journal: one {@code (:ImportJob)} node per import, written in the transactions it describes. */
@Repository
class ImportJobs {

    private final Graph graph;
    private final org.dangjian.graph.database.WritePause pause;

    ImportJobs(Graph graph, org.dangjian.graph.database.WritePause pause) {
        this.graph = graph;
        this.pause = pause;
    }

    /**
     * Records the job in two transactions: its figures and messages first, its status last. Neo4j
     * reads at read-committed, and a reader projecting the node while a commit is being applied may see
     * some of that commit's properties and not others (CI once read {@code INVALID} beside the previous
     * save's missing message); with the status written last, whoever sees a job finished sees all it
     * says. Inside a caller's transaction (an atomic commit journals its end with its rows) the two
     * statements commit together and the order does not hold for concurrent readers.
     */
    void save(ImportJob job) {
        pause.writing(() -> write(job));
    }

    /** Records the jurisdictions of the user who started a job, for taking it up again after a restart. */
    void saveJurisdictions(String id, List<String> jurisdictions) {
        pause.writing(() -> graph.run(
                "MATCH (j:ImportJob {id: $id}) SET j.jurisdictions = $jurisdictions",
                Map.of("id", id, "jurisdictions", jurisdictions)));
    }

    /** The jurisdictions of the user who started a job; none for a user of the whole graph. */
    java.util.Set<String> jurisdictions(String id) {
        var row = graph.row("MATCH (j:ImportJob {id: $id}) RETURN j.jurisdictions AS jurisdictions", Map.of("id", id));
        @SuppressWarnings("unchecked")
        var limits = row == null ? null : (List<String>) row.get("jurisdictions");
        return limits == null ? java.util.Set.of() : java.util.Set.copyOf(limits);
    }

    private void write(ImportJob job) {
        var props = properties(job);
        props.remove("status");
        graph.run(
                "MERGE (j:ImportJob {id: $id}) ON CREATE SET j.status = $status SET j += $props",
                Map.of("id", job.id(), "status", job.status(), "props", props));
        graph.run(
                "MATCH (j:ImportJob {id: $id}) SET j.status = $status", Map.of("id", job.id(), "status", job.status()));
    }

    ImportJob find(String id) {
        var row = graph.row("MATCH (j:ImportJob {id: $id}) RETURN j {.*} AS j", Map.of("id", id));
        return row == null ? null : job(row.get("j"));
    }

    boolean isRunning(String id) {
        var job = find(id);
        return job != null && !job.finished();
    }

    List<ImportJob> interrupted() {
        return graph
                .rows("MATCH (j:ImportJob {status: 'COMMITTING'}) RETURN j {.*} AS j ORDER BY j.startedAt", Map.of())
                .stream()
                .map(r -> job(r.get("j")))
                .toList();
    }

    /** Newest first, keyset-paged by (startedAt, id). */
    /** A page of jobs, newest first; only one user's when {@code user} is given. */
    PageConnection<ImportJob> page(int first, String after, String user) {
        var params = new HashMap<String, Object>();
        params.put("user", user);
        params.put("limit", first + 1);
        params.put("afterAt", null);
        params.put("afterId", null);
        if (after != null) {
            var keys = KeysetCursors.decode(after);
            params.put("afterAt", ZonedDateTime.parse((String) keys.get("at")));
            params.put("afterId", keys.get("id"));
        }
        var rows = graph.rows("""
                MATCH (j:ImportJob)
                WHERE ($user IS NULL OR j.user = $user)
                  AND ($afterId IS NULL OR j.startedAt < $afterAt OR (j.startedAt = $afterAt AND j.id < $afterId))
                RETURN j {.*} AS j ORDER BY j.startedAt DESC, j.id DESC LIMIT $limit""", params);
        long total = ((Number) graph.row(
                                "MATCH (j:ImportJob) WHERE $user IS NULL OR j.user = $user RETURN count(j) AS n",
                                params)
                        .get("n"))
                .longValue();
        var jobs = rows.stream().map(r -> job(r.get("j"))).toList();
        return PageConnection.of(jobs, first, total, j -> {
            var keys = new HashMap<String, Object>();
            keys.put("at", j.startedAt().toString());
            keys.put("id", j.id());
            return KeysetCursors.encode(keys);
        });
    }

    private static Map<String, Object> properties(ImportJob j) {
        var p = new HashMap<String, Object>();
        p.put("target", j.target());
        p.put("fileName", j.fileName());
        p.put("format", j.format());
        p.put("status", j.status());
        p.put("mode", j.mode());
        p.put("user", j.user());
        p.put("commit", j.commit());
        p.put("validOnly", j.validOnly());
        p.put("rows", j.rows());
        p.put("validRows", j.validRows());
        p.put("invalidRows", j.invalidRows());
        p.put("problemCount", j.problemCount());
        p.put("created", j.created());
        p.put("updated", j.updated());
        p.put("unchanged", j.unchanged());
        p.put("committedRows", j.committedRows());
        p.put("resumed", j.resumed());
        p.put("message", j.message());
        p.put("messageZh", j.messageZh());
        p.put("startedAt", j.startedAt());
        p.put("finishedAt", j.finishedAt());
        return p;
    }

    @SuppressWarnings("unchecked")
    private static ImportJob job(Object value) {
        var m = (Map<String, Object>) value;
        return new ImportJob(
                (String) m.get("id"),
                (String) m.get("target"),
                (String) m.get("fileName"),
                (String) m.get("format"),
                (String) m.get("status"),
                (String) m.get("mode"),
                (String) m.get("user"),
                Boolean.TRUE.equals(m.get("commit")),
                Boolean.TRUE.equals(m.get("validOnly")),
                number(m, "rows"),
                number(m, "validRows"),
                number(m, "invalidRows"),
                number(m, "problemCount"),
                number(m, "created"),
                number(m, "updated"),
                number(m, "unchanged"),
                number(m, "committedRows"),
                Boolean.TRUE.equals(m.get("resumed")),
                (String) m.get("message"),
                (String) m.get("messageZh"),
                (ZonedDateTime) m.get("startedAt"),
                (ZonedDateTime) m.get("finishedAt"));
    }

    private static long number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0L;
    }
}

package org.dangjian.graph.imports;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * An import of one file, as its journal keeps it ({@code (:ImportJob)} in the graph) and the API shows
 * it.
 *
 * @param target what the file holds: a node type ({@code Person}) or a tie type ({@code Membership})
 * @param status VALIDATING, VALID, INVALID (a dry run found problems), COMMITTING, COMMITTED or FAILED
 * @param mode ATOMIC (one transaction: all rows or none) or BATCHED (a transaction per batch, resumed
 *     after a crash from the journal)
 * @param rows data rows read (the header not counted)
 * @param committedRows rows whose batch has committed
 * @param resumed the commit was interrupted (the service stopped) and taken up again from the journal
 */
public record ImportJob(
        String id,
        String target,
        String fileName,
        String format,
        String status,
        String mode,
        String user,
        boolean commit,
        boolean validOnly,
        long rows,
        long validRows,
        long invalidRows,
        long problemCount,
        long created,
        long updated,
        long unchanged,
        long committedRows,
        boolean resumed,
        String message,
        String messageZh,
        ZonedDateTime startedAt,
        ZonedDateTime finishedAt) {

    /** A job as it changes: its fields, to be set and then made an {@link ImportJob} again. */
    public static final class Draft {
        public String id, target, fileName, format, status, mode, user, message, messageZh;
        public boolean commit, validOnly, resumed;
        public long rows, validRows, invalidRows, problemCount, created, updated, unchanged, committedRows;
        public ZonedDateTime startedAt, finishedAt;

        ImportJob build() {
            return new ImportJob(
                    id,
                    target,
                    fileName,
                    format,
                    status,
                    mode,
                    user,
                    commit,
                    validOnly,
                    rows,
                    validRows,
                    invalidRows,
                    problemCount,
                    created,
                    updated,
                    unchanged,
                    committedRows,
                    resumed,
                    message,
                    messageZh,
                    startedAt,
                    finishedAt);
        }
    }

    /** A new job, described by the change. */
    public static ImportJob of(java.util.function.Consumer<Draft> change) {
        var d = new Draft();
        change.accept(d);
        return d.build();
    }

    /** This job with the change applied. */
    public ImportJob with(java.util.function.Consumer<Draft> change) {
        var d = new Draft();
        d.id = id;
        d.target = target;
        d.fileName = fileName;
        d.format = format;
        d.status = status;
        d.mode = mode;
        d.user = user;
        d.commit = commit;
        d.validOnly = validOnly;
        d.rows = rows;
        d.validRows = validRows;
        d.invalidRows = invalidRows;
        d.problemCount = problemCount;
        d.created = created;
        d.updated = updated;
        d.unchanged = unchanged;
        d.committedRows = committedRows;
        d.resumed = resumed;
        d.message = message;
        d.messageZh = messageZh;
        d.startedAt = startedAt;
        d.finishedAt = finishedAt;
        change.accept(d);
        return d.build();
    }

    /** One problem of one cell or row: row number as the spreadsheet shows it, column header, value, reason. */
    public record Problem(int row, String column, String value, String reasonZh, String reason) {}

    /** Share of the work done, 0..1: rows validated, then rows committed. */
    public double progress() {
        return switch (status) {
            case "COMMITTED", "INVALID", "VALID", "FAILED" -> 1.0;
            case "COMMITTING" -> validRows == 0 ? 1.0 : Math.min(1.0, (double) committedRows / validRows);
            default -> 0.0;
        };
    }

    /** VALIDATE (the dry run) or COMMIT (writing). */
    public String phase() {
        return List.of("VALIDATING", "VALID", "INVALID").contains(status) ? "VALIDATE" : "COMMIT";
    }

    public boolean finished() {
        return List.of("COMMITTED", "INVALID", "VALID", "FAILED").contains(status);
    }

    /** The address of the report of problems. */
    public String reportUrl() {
        return "/imports/" + id + "/report.xlsx";
    }
}

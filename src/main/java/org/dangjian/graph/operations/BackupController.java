package org.dangjian.graph.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.database.Backups;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The backups through GraphQL, for administrators in GraphiQL ({@code backup}, {@code backups}): the
 * same {@link Backups} as {@code /actuator/backups} and the schedule. Who may call them is decided by
 * the access layer (OPERATIONS, and no jurisdiction: a backup holds the whole graph). The mutation runs
 * outside any transaction (it pauses the writes itself) and is audited once it has ended.
 */
@Controller
class BackupController {

    /** One backup made, as the schema's {@code Backup}. */
    record Made(String file, double bytes, long writesPausedMillis, long tookMillis) {}

    /** A backup file, as the schema's {@code BackupFile}. */
    record File(String file, double bytes) {}

    /** The backups kept, as the schema's {@code BackupList}. */
    record Kept(String directory, int keep, List<File> files) {}

    private final ObjectProvider<Backups> backups;
    private final BackupSettings settings;

    BackupController(ObjectProvider<Backups> backups, BackupSettings settings) {
        this.backups = backups;
        this.settings = settings;
    }

    @MutationMapping
    Made backup() throws IOException, InterruptedException {
        Backups.Backup made;
        try {
            made = settings.make(embedded());
        } catch (Backups.PauseTimeout e) {
            throw new ApiException(ApiException.Code.TIMEOUT, e.getMessage() + " (party-graph.backup.pause-wait)");
        }
        return new Made(made.file().getFileName().toString(), made.bytes(), made.pausedMillis(), made.tookMillis());
    }

    @QueryMapping
    Kept backups() throws IOException {
        embedded();
        var files = new ArrayList<File>();
        for (Path f : settings.kept()) {
            files.add(new File(f.getFileName().toString(), sizeOf(f)));
        }
        return new Kept(settings.directory().toAbsolutePath().toString(), settings.keep(), files);
    }

    private Backups embedded() {
        var available = backups.getIfAvailable();
        if (available == null) {
            throw new ApiException(
                    ApiException.Code.UNAVAILABLE,
                    "The service is not running the database itself (spring.neo4j.uri is set): back the Neo4j"
                            + " server up with its own tools (neo4j-admin database backup or dump)");
        }
        return available;
    }

    private static double sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

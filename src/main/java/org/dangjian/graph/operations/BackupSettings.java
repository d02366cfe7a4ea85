package org.dangjian.graph.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dangjian.graph.database.Backups;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where backups go and how they are made, for every way of asking for one (the actuator endpoint,
 * the GraphQL mutation, the schedule).
 *
 * @param directory {@code party-graph.backup.directory}, default {@code data/backups}
 * @param keep {@code party-graph.backup.keep}: the newest kept, default 7
 * @param pauseWait {@code party-graph.backup.pause-wait}: the longest wait for writes under way, default 30 s
 */
@ConfigurationProperties("party-graph.backup")
record BackupSettings(Path directory, Integer keep, Duration pauseWait) {

    BackupSettings {
        directory = directory == null ? Path.of("data", "backups") : directory;
        keep = keep == null ? 7 : keep;
        pauseWait = pauseWait == null ? Duration.ofSeconds(30) : pauseWait;
    }

    /** Makes a backup now into the directory, keeping the newest {@link #keep}. */
    Backups.Backup make(Backups backups) throws IOException, InterruptedException {
        return backups.backup(directory, keep, pauseWait);
    }

    /** The backups kept, oldest first. */
    List<Path> kept() throws IOException {
        return Backups.list(directory);
    }
}

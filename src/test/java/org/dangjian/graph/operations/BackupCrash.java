package org.dangjian.graph.operations;

import java.nio.file.Path;
import java.time.Duration;
import org.dangjian.graph.database.Backups;
import org.dangjian.graph.database.WritePause;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * The process {@link BackupIT} kills with SIGKILL in the middle of a backup: it opens an embedded
 * database in {@code args[0]} and backs it up into {@code args[1]} again and again.
 */
public final class BackupCrash {

    private BackupCrash() {}

    public static void main(String[] args) throws Exception {
        var dbms = new DatabaseManagementServiceBuilder(Path.of(args[0])).build();
        var backups = new Backups(dbms, Path.of(args[0]), new WritePause());
        System.out.println("ready");
        System.out.flush();
        while (true) {
            backups.backup(Path.of(args[1]), 100, Duration.ofSeconds(10));
        }
    }
}

package org.dangjian.graph.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of the embedded database while the service keeps answering reads: with the service's
 * writes paused ({@link WritePause}), a checkpoint, then the database's store and transaction logs
 * copied into a zip; the writes go on once the copy is made. The zip is written as {@code
 * *.zip.partial} and renamed only once complete and synced, so a backup cut off (a crash, {@code
 * kill -9}) never replaces or looks like a whole one, and the store itself is only read. Restoring
 * unpacks a backup into a new, empty directory, which the service then starts on.
 */
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    private static final String DATABASE = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    static final String PREFIX = "party-graph-";

    /** No backup made: the writes under way did not finish within the wait. */
    public static final class PauseTimeout extends IllegalStateException {
        PauseTimeout(String message) {
            super(message);
        }
    }

    /** One backup made: its file, size, how long writes were paused and how long it took in all. */
    public record Backup(Path file, long bytes, long pausedMillis, long tookMillis) {}

    private final DatabaseManagementService dbms;
    private final Path home;
    private final WritePause pause;

    public Backups(DatabaseManagementService dbms, Path home, WritePause pause) {
        this.dbms = dbms;
        this.home = home.toAbsolutePath();
        this.pause = pause;
    }

    /** The files of the default database: its store and its transaction logs. */
    static List<Path> roots(Path home) {
        return List.of(
                home.resolve("data").resolve("databases").resolve(DATABASE),
                home.resolve("data").resolve("transactions").resolve(DATABASE));
    }

    /** Makes a backup into {@code directory}, keeping the newest {@code keep} backups there. */
    public Backup backup(Path directory, int keep, Duration wait) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Files.createDirectories(directory);
        String name = PREFIX + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + ".zip";
        Path partial = directory.resolve(name + ".partial");
        Path done = directory.resolve(name);
        long[] paused = new long[1];
        Boolean made = pause.paused(wait, () -> {
            long from = System.nanoTime();
            try {
                // Community has no db.checkpoint(): the kernel's check pointer, as the procedure calls it.
                ((org.neo4j.kernel.internal.GraphDatabaseAPI) dbms.database(DATABASE))
                        .getDependencyResolver()
                        .resolveDependency(org.neo4j.kernel.impl.transaction.log.checkpoint.CheckPointer.class)
                        .forceCheckPoint(
                                new org.neo4j.kernel.impl.transaction.log.checkpoint.SimpleTriggerInfo("backup"));
                try (OutputStream out = Files.newOutputStream(partial);
                        var zip = new ZipOutputStream(out)) {
                    zip.setLevel(1); // store files compress well enough fast; the pause is what counts
                    zipDatabase(home, zip);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                paused[0] = (System.nanoTime() - from) / 1_000_000;
            }
            return Boolean.TRUE;
        });
        if (made == null) {
            throw new PauseTimeout("The writes under way did not finish within " + wait + "; no backup made");
        }
        try (var channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        prune(directory, keep);
        var backup = new Backup(done, Files.size(done), paused[0], (System.nanoTime() - started) / 1_000_000);
        log.info(
                "Backup {} ({} bytes): writes paused {} ms, {} ms in all",
                done,
                backup.bytes(),
                backup.pausedMillis(),
                backup.tookMillis());
        return backup;
    }

    /**
     * Writes the default database's store and transaction logs under {@code home} into a zip, in the
     * layout {@link #restore} unpacks (lock files left out); returns the number of files.
     */
    public static int zipDatabase(Path home, ZipOutputStream zip) throws IOException {
        Path base = home.toAbsolutePath().resolve("data");
        int files = 0;
        for (Path root : roots(home.toAbsolutePath())) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String entry = base.relativize(file).toString().replace('\\', '/');
                    if (entry.endsWith("database_lock") || entry.endsWith("store_lock")) {
                        continue;
                    }
                    zip.putNextEntry(new ZipEntry(entry));
                    Files.copy(file, zip);
                    zip.closeEntry();
                    files++;
                }
            }
        }
        return files;
    }

    /** The backups in a directory, oldest first (names sort by time); partial ones left out. */
    public static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(PREFIX)
                            && f.getFileName().toString().endsWith(".zip"))
                    .sorted()
                    .toList();
        }
    }

    private static void prune(Path directory, int keep) throws IOException {
        var all = new ArrayList<>(list(directory));
        while (all.size() > Math.max(1, keep)) {
            Files.deleteIfExists(all.removeFirst());
        }
    }

    /**
     * Unpacks a backup into {@code home} (a new directory, or one without a database yet), before the
     * embedded database starts there. Refuses to overwrite a database.
     */
    public static void restore(Path backup, Path home) throws IOException {
        try (InputStream in = Files.newInputStream(backup)) {
            restore(in, backup.toString(), home);
        }
    }

    /** The first of the default database's directories that exists under home, if any: then it holds one. */
    public static java.util.Optional<Path> databaseIn(Path home) {
        return roots(home.toAbsolutePath()).stream().filter(Files::exists).findFirst();
    }

    /** Unpacks a backup read from a stream (e.g. the jar's prebuilt sample); {@code source} names it. */
    public static void restore(InputStream backup, String source, Path home) throws IOException {
        Path target = home.toAbsolutePath();
        var existing = databaseIn(target);
        if (existing.isPresent()) {
            throw new IllegalStateException(
                    "Refusing to restore into " + target + ": it already holds a database (" + existing.get() + ")");
        }
        Path base = target.resolve("data");
        int entries = 0;
        try (var zip = new ZipInputStream(backup)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path file = base.resolve(entry.getName()).normalize();
                if (!file.startsWith(base.resolve("databases")) && !file.startsWith(base.resolve("transactions"))) {
                    throw new IllegalStateException("Not a backup of this service: entry " + entry.getName());
                }
                Files.createDirectories(file.getParent());
                Files.copy(zip, file);
                entries++;
            }
        }
        if (entries == 0) {
            throw new IllegalStateException("The backup " + source + " is empty");
        }
        log.info("Restored {} files from {} into {}", entries, source, target);
    }
}

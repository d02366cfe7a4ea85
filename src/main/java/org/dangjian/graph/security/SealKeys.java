package org.dangjian.graph.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;
import org.dangjian.graph.database.OwnerOnlyFile;

/**
 * Where the keysets come from: inline JSON (a secret manager or the environment), else a file
 * readable by the service's user only; the demo profile and the tests may have one generated into
 * that file on first start. A keyset file readable by others is refused.
 */
public final class SealKeys {

    private SealKeys() {}

    /** The keyset's JSON, or null when none is configured and none may be generated. */
    public static String load(Path file, String inlineJson, boolean generate, Consumer<String> log) {
        if (inlineJson != null && !inlineJson.isBlank()) {
            return inlineJson;
        }
        if (file == null) {
            return null;
        }
        try {
            if (Files.exists(file)) {
                requireOwnerOnly(file);
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            if (!generate) {
                return null;
            }
            String json = Seal.newKeysetJson();
            write(file, json);
            log.accept("Generated a new keyset into " + file.toAbsolutePath()
                    + " (readable by this user only); keep a copy apart from the database's backups");
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the keyset file " + file, e);
        }
    }

    /** Writes a keyset file owner-only, atomically (a reader never sees half a keyset). */
    public static void write(Path file, String json) throws IOException {
        OwnerOnlyFile.write(file, json);
    }

    private static void requireOwnerOnly(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream()
                .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new StartRefusal(
                    "The keyset file " + file.toAbsolutePath() + " is readable by others ("
                            + PosixFilePermissions.toString(permissions) + ").",
                    "Make it readable by the service's user only: chmod 600 " + file.toAbsolutePath());
        }
    }
}

package org.dangjian.graph.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.database.Backups;
import org.dangjian.graph.security.Caller;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/backups} (ADMIN, like every endpoint but health): {@code GET} lists the backups,
 * {@code POST} makes one now ({@link Backups}); the service keeps answering reads meanwhile, its
 * writes pause while the store is copied. Only for administrators of the whole graph: a backup holds
 * every jurisdiction. Backups are also made on a schedule ({@link BackupSchedule}).
 */
@Component
@ConditionalOnBean(Backups.class)
@Endpoint(id = "backups")
class BackupEndpoint {

    private final Backups backups;
    private final BackupSettings settings;

    BackupEndpoint(Backups backups, BackupSettings settings) {
        this.backups = backups;
        this.settings = settings;
    }

    @ReadOperation
    Map<String, Object> list() throws IOException {
        var out = new LinkedHashMap<String, Object>();
        out.put("directory", settings.directory().toAbsolutePath().toString());
        out.put("keep", settings.keep());
        List<Map<String, Object>> files = new java.util.ArrayList<>();
        for (Path f : settings.kept()) {
            files.add(Map.of("file", f.getFileName().toString(), "bytes", Files.size(f)));
        }
        out.put("backups", files);
        return out;
    }

    @WriteOperation
    WebEndpointResponse<Map<String, Object>> backup() throws IOException, InterruptedException {
        var caller = Caller.of(SecurityContextHolder.getContext().getAuthentication());
        if (caller.restricted()) {
            return new WebEndpointResponse<>(
                    Map.of(
                            "code",
                            "FORBIDDEN",
                            "message",
                            "A backup holds the whole graph: it needs an administrator of the whole graph"),
                    403);
        }
        var made = settings.make(backups);
        return new WebEndpointResponse<>(Map.of(
                "file", made.file().toString(),
                "bytes", made.bytes(),
                "writesPausedMillis", made.pausedMillis(),
                "tookMillis", made.tookMillis()));
    }
}

package org.dangjian.graph.operations;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dangjian.graph.database.Backups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Scheduled backups: {@code party-graph.backup.schedule} is a cron expression in the service's time
 * zone (e.g. {@code 0 30 2 * * *}, every night at 02:30); each run keeps the newest {@code
 * party-graph.backup.keep} backups in {@code party-graph.backup.directory}. Off unless set.
 */
@Component
@ConditionalOnBean(Backups.class)
@ConditionalOnExpression("!'${party-graph.backup.schedule:}'.isBlank()")
class BackupSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

    private final Backups backups;
    private final CronExpression cron;
    private final ZoneId zone;
    private final BackupSettings settings;
    private ScheduledExecutorService executor;

    BackupSchedule(
            Backups backups,
            @Value("${party-graph.backup.schedule}") String schedule,
            @Value("${party-graph.time-zone:Asia/Shanghai}") String zone,
            BackupSettings settings) {
        this.backups = backups;
        this.cron = CronExpression.parse(schedule);
        this.zone = ZoneId.of(zone);
        this.settings = settings;
    }

    private void next() {
        var now = ZonedDateTime.now(zone);
        var at = cron.next(now);
        if (at == null || executor == null) {
            return;
        }
        executor.schedule(
                () -> {
                    try {
                        settings.make(backups);
                    } catch (Exception e) {
                        log.error("Scheduled backup failed", e);
                    }
                    next();
                },
                Duration.between(now, at).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "backups");
            t.setDaemon(true);
            return t;
        });
        next();
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}

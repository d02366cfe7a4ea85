package org.dangjian.graph.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The pause a backup takes: writers racing through a barrier with a backup never write while it
 * copies, and every one of them writes once it is done.
 */
class WritePauseTests {

    @Test
    void noWriteRunsWhileABackupHoldsWritesPausedAndAllRunAfter() throws Exception {
        var pause = new WritePause();
        int writers = 16;
        var barrier = new CyclicBarrier(writers + 1);
        var active = new AtomicInteger();
        var written = new AtomicInteger();
        var seenDuringPause = new AtomicInteger(-1);
        var pool = Executors.newFixedThreadPool(writers + 1);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < writers; i++) {
                futures.add(pool.submit(() -> {
                    barrier.await();
                    for (int k = 0; k < 200; k++) {
                        pause.writing(() -> {
                            active.incrementAndGet();
                            written.incrementAndGet();
                            active.decrementAndGet();
                        });
                    }
                    return null;
                }));
            }
            var backup = pool.submit(() -> {
                barrier.await();
                return pause.paused(Duration.ofSeconds(10), () -> {
                    int most = 0;
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                    while (System.nanoTime() < until) { // the copy: no writer may be inside meanwhile
                        most = Math.max(most, active.get());
                    }
                    seenDuringPause.set(most);
                    return written.get();
                });
            });
            Integer writtenBefore = backup.get(30, TimeUnit.SECONDS);
            for (var f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(writtenBefore).as("the backup paused writes").isNotNull();
            assertThat(seenDuringPause.get()).isZero();
            assertThat(written.get()).isEqualTo(writers * 200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriteCannotPauseTheWritesItIsPartOf() {
        var pause = new WritePause();
        var refused = new AtomicInteger();
        pause.writing(() -> {
            try {
                pause.paused(Duration.ofMillis(10), () -> 1);
            } catch (IllegalStateException e) {
                refused.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(refused.get()).isEqualTo(1);
    }
}

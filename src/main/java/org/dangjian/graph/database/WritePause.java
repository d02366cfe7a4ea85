package org.dangjian.graph.database;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Lets the service's writes pause while a backup copies the store: every write of the service
 * (mutations and their audit events, refusals recorded, imports and their journal) runs holding the
 * shared side of one lock, a backup holds the exclusive side while it checkpoints and copies. Reads
 * never wait. Writes through Bolt, past the service, are not paused (README, *Backup and restore*).
 */
@Component
public class WritePause {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** Runs a write; waits while a backup holds writes paused. */
    public <T> T writing(Supplier<T> write) {
        lock.readLock().lock();
        try {
            return write.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a write that returns nothing. */
    public void writing(Runnable write) {
        writing(() -> {
            write.run();
            return null;
        });
    }

    /**
     * Runs {@code work} with the service's writes paused: waits up to {@code wait} for the writes
     * under way to finish (new ones wait behind), then runs it; null if they did not finish in time.
     */
    public <T> T paused(Duration wait, Supplier<T> work) throws InterruptedException {
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("A write cannot pause the writes it is part of");
        }
        if (!lock.writeLock().tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}

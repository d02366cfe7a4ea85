package org.dangjian.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Readers racing a writer through a barrier, for the tests of what is kept until the graph changes:
 * what a reader that started after the write had returned still read from before it. ({@link
 * WritersAndReaders} is the other shape: writers that read their own writes, for the ledgers.)
 */
public final class Races {

    /** Reads each reader makes. */
    static final int READS = 15;

    private Races() {}

    /**
     * Readers race a writer (and a writer elsewhere, if any) through a barrier, each reading {@link
     * #READS} times: what they read, having started after the write returned, that was not {@code fresh}.
     */
    public static <T> List<T> staleReads(
            int readers, Callable<T> read, Predicate<T> fresh, Runnable write, Runnable elsewhere) throws Exception {
        int writers = elsewhere == null ? 1 : 2;
        var barrier = new CyclicBarrier(readers + writers);
        var pool = Executors.newFixedThreadPool(readers + writers);
        try {
            var written = new AtomicBoolean();
            var stale = new ArrayList<Future<List<T>>>();
            for (int r = 0; r < readers; r++) {
                stale.add(pool.submit(() -> {
                    barrier.await();
                    var seen = new ArrayList<T>();
                    for (int i = 0; i < READS; i++) {
                        boolean startedAfterWrite = written.get();
                        T value = read.call();
                        if (startedAfterWrite && !fresh.test(value)) {
                            seen.add(value);
                        }
                    }
                    return seen;
                }));
            }
            var others = elsewhere == null
                    ? null
                    : pool.submit(() -> {
                        barrier.await();
                        elsewhere.run();
                        return null;
                    });
            var writer = pool.submit(() -> {
                barrier.await();
                write.run();
                written.set(true);
                return null;
            });
            writer.get();
            if (others != null) {
                others.get();
            }
            var wrong = new ArrayList<T>();
            for (var f : stale) {
                wrong.addAll(f.get());
            }
            return wrong;
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.dangjian.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neo4j.driver.Driver;

/**
 * Writers racing each other and readers through a barrier: each writer writes and at once reads its
 * own write, round after round, while the readers ask the same question over and over. What the
 * ledgers' race tests share.
 */
public final class WritersAndReaders {

    /** One round of one writer: writes, reads, and says what was wrong (null when nothing was). */
    @FunctionalInterface
    public interface Round {
        String run(int writer, int round) throws Exception;
    }

    /** One read of a reader. */
    @FunctionalInterface
    public interface Read {
        void run() throws Exception;
    }

    private WritersAndReaders() {}

    /**
     * Runs {@code writers} writers for {@code rounds} rounds and {@code readers} readers for twice as
     * many, all started by one barrier; returns what the writers found wrong, each as "writer i round r:
     * …". A reader's failure fails the race.
     */
    public static List<String> race(int writers, int readers, int rounds, Round write, Read read) throws Exception {
        var barrier = new CyclicBarrier(writers + readers);
        var pool = Executors.newFixedThreadPool(writers + readers);
        try {
            var futures = new ArrayList<Future<List<String>>>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    barrier.await();
                    var wrong = new ArrayList<String>();
                    for (int r = 0; r < rounds; r++) {
                        String seen = write.run(writer, r);
                        if (seen != null) {
                            wrong.add("writer " + writer + " round " + r + ": " + seen);
                        }
                    }
                    return wrong;
                }));
            }
            for (int k = 0; k < readers; k++) {
                futures.add(pool.submit(() -> {
                    barrier.await();
                    for (int r = 0; r < rounds * 2; r++) {
                        read.run();
                    }
                    return List.<String>of();
                }));
            }
            var wrong = new ArrayList<String>();
            for (var f : futures) {
                wrong.addAll(f.get());
            }
            return wrong;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A writer's round that makes one tie and takes it away over Bolt, past the service: on even rounds
     * {@code create}, on odd ones {@code delete}, with {@code $tie} the id of the pair of rounds' tie
     * ({@code tie} + "-" + round / 2) and the other parameters as given. True when it created.
     */
    public static boolean toggleTie(
            Driver driver, int round, String create, String delete, String tie, Map<String, Object> parameters) {
        boolean creates = round % 2 == 0;
        var all = new HashMap<String, Object>(parameters);
        all.put("tie", tie + "-" + round / 2);
        try (var session = driver.session()) {
            session.run(creates ? create : delete, all).consume();
        }
        return creates;
    }
}

package org.dangjian.graph.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the sample graph at start-up when the database holds nothing yet
 * ({@code party-graph.sample.load-on-empty}); a database with data is left alone.
 */
@Component
@Order(0)
class SampleLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleLoader.class);

    private final SampleData sample;
    private final boolean loadOnEmpty;
    private final long seed;

    SampleLoader(
            SampleData sample,
            @Value("${party-graph.sample.load-on-empty:false}") boolean loadOnEmpty,
            @Value("${party-graph.sample.seed:2020}") long seed,
            @Value("${party-graph.generate.scale:}") String generateScale) {
        this.sample = sample;
        // The generate command decides itself what to write.
        this.loadOnEmpty = loadOnEmpty && generateScale.isBlank();
        this.seed = seed;
    }

    @Override
    public void run(ApplicationArguments args) {
        // A store unpacked from the jar is completed whatever the settings now: it was asked for.
        Long pending = sample.pendingPersonalData();
        if (pending != null) {
            long started = System.nanoTime();
            long nodes = sample.completePrebuilt(pending);
            log.info(
                    "Sample graph unpacked from the jar; personal values of {} nodes sealed with this"
                            + " installation's key and written in {} ms",
                    nodes,
                    (System.nanoTime() - started) / 1_000_000);
            System.gc(); // the generator's and the rows' garbage, a one-off (as after a load below)
            return;
        }
        if (loadOnEmpty && sample.isEmpty()) {
            var report = sample.generate(SampleGenerator.Scale.SAMPLE, seed, BatchWriter.Mode.CREATE, 5_000, null);
            log.info("Sample graph loaded into the empty database: {}", report);
            // The load's garbage (batches of rows, each statement's state) is a one-off of the first
            // start: collected now, the heap shrinks to what the service uses (within the JVM's
            // MaxHeapFreeRatio) instead of keeping it committed until the next collection.
            System.gc();
        }
    }
}

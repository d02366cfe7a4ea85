package org.dangjian.graph.sample;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dangjian.graph.audit.AuditTrail;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Sealing;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Service;

/** Generates a scale of the sample graph into the configured database and reports the figures. */
@Service
public class SampleData {

    /** What one generation wrote and how fast. */
    public record Report(String scale, long seed, long nodes, long ties, double seconds) {

        public double rowsPerSecond() {
            return (nodes + ties) / Math.max(seconds, 1e-9);
        }

        @Override
        public String toString() {
            return String.format(
                    "generated scale=%s seed=%d nodes=%,d relationships=%,d seconds=%.1f rows/s=%,.0f",
                    scale, seed, nodes, ties, seconds, rowsPerSecond());
        }
    }

    private final Driver driver;
    private final AuditTrail audit;
    private final Sealing sealing;

    public SampleData(Driver driver, AuditTrail audit, Sealing sealing) {
        this.driver = driver;
        this.audit = audit;
        this.sealing = sealing;
    }

    /** Whether the database holds no node of the model yet. */
    public boolean isEmpty() {
        try (var session = driver.session()) {
            return !session.run("MATCH (n:Entity) RETURN n LIMIT 1").hasNext();
        }
    }

    /**
     * The seed of a sample unpacked from the jar's prebuilt store whose personal values are still to be
     * written ({@link PrebuiltSample}), or null when there is none such.
     */
    public Long pendingPersonalData() {
        try (var session = driver.session()) {
            var result = session.run("MATCH (m:" + PrebuiltSample.PENDING + ") RETURN m.seed AS seed LIMIT 1");
            return result.hasNext() ? result.next().get("seed").asLong() : null;
        }
    }

    /**
     * Completes a sample unpacked from the jar's prebuilt store: generates the seed's personal values
     * (the same generator, so the same values a transactional load writes), seals them with this
     * installation's key and writes them with the marker's removal in one transaction, so that a stop
     * half-way leaves the marker and the next start completes the store. Recorded in the audit trail
     * as the transactional load is.
     *
     * @return how many nodes received personal values
     */
    public long completePrebuilt(long seed) {
        var arguments = Map.<String, Object>of("scale", "SAMPLE", "seed", seed, "mode", "PREBUILT");
        try {
            var rows = new java.util.ArrayList<Map<String, Object>>();
            new SampleGenerator(
                            seed,
                            SampleGenerator.Scale.SAMPLE,
                            new PrebuiltSample.PersonalOnly(
                                    sealing.seal(), (id, props) -> rows.add(Map.of("id", id, "props", props))))
                    .generate();
            try (var session = driver.session()) {
                session.executeWriteWithoutResult(tx -> {
                    tx.run(
                                    "UNWIND $rows AS row MATCH (n:" + org.dangjian.graph.model.GraphModel.ENTITY
                                            + " {id: row.id}) SET n += row.props",
                                    Map.of("rows", rows))
                            .consume();
                    tx.run("MATCH (m:" + PrebuiltSample.PENDING + ") DELETE m").consume();
                });
            }
            audit.recordAlone(event(arguments, null));
            return rows.size();
        } catch (RuntimeException e) {
            audit.recordAlone(event(arguments, e));
            throw e;
        }
    }

    /**
     * Generates a scale with a seed. With a progress stream, a progress bar is drawn on it.
     *
     * @param mode CREATE into an empty database, or MERGE to load again without duplicates
     */
    public Report generate(
            SampleGenerator.Scale scale, long seed, BatchWriter.Mode mode, int batchSize, PrintStream progress) {
        var arguments = Map.<String, Object>of("scale", scale.name(), "seed", seed, "mode", mode.name());
        try {
            var report = write(scale, seed, mode, batchSize, progress);
            audit.recordAlone(event(arguments, null));
            return report;
        } catch (RuntimeException e) {
            audit.recordAlone(event(arguments, e));
            throw e;
        }
    }

    /** An import is written in many transactions, so it is recorded once it has ended, as the system's. */
    private static AuditTrail.Event event(Map<String, Object> arguments, RuntimeException failure) {
        return new AuditTrail.Event(
                AuditTrail.Kind.IMPORT,
                "generateSample",
                null,
                Caller.SYSTEM,
                arguments,
                Set.of(),
                failure == null,
                failure == null ? null : "INTERNAL",
                failure == null ? null : failure.getClass().getSimpleName());
    }

    private Report write(
            SampleGenerator.Scale scale, long seed, BatchWriter.Mode mode, int batchSize, PrintStream progress) {
        long started = System.nanoTime();
        ProgressBar bar = progress == null ? null : progressBar(scale, seed, progress);
        try (var writer = new BatchWriter(driver, mode, batchSize, n -> {
            if (bar != null) {
                bar.stepBy(n);
            }
        })) {
            new SampleGenerator(seed, scale, new SealingSink(writer, sealing.seal())).generate();
            writer.close();
            double seconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
            return new Report(scale.name().toLowerCase(), seed, writer.nodeCount(), writer.tieCount(), seconds);
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** A bar whose total comes from a dry run of the generator, which costs no database work. */
    private static ProgressBar progressBar(SampleGenerator.Scale scale, long seed, PrintStream progress) {
        var counter = new CountingSink();
        new SampleGenerator(seed, scale, counter).generate();
        return new ProgressBarBuilder()
                .setTaskName("generating " + scale.name().toLowerCase())
                .setInitialMax(counter.rows)
                .setUnit(" rows", 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(progress))
                .build();
    }
}

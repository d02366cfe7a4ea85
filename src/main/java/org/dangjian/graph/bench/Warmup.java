package org.dangjian.graph.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.database.GraphVersion;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Role;
import org.dangjian.graph.time.Today;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.stereotype.Component;

/**
 * Asks the standard questions of {@code warmup.graphql} once at start-up, on a thread of its own
 * once the service is ready (the sample loaded), so that their Cypher is planned and the JIT has had
 * a first pass before staff's requests come. It does not hold readiness back: on a cold JVM it takes
 * about as long again as the start itself, and the first answer matters more. Every scoped question
 * is asked of one big community or one town, so it costs what a few requests cost at any scale.
 *
 * <p>Then, when the ledgers keep answers per date (an embedded database), it asks the whole graph's
 * statistics, coverage, warning signs, compound and grid coverage as of today ({@code party-graph.warmup.whole-graph}), and every
 * day at {@code party-graph.warmup.read-ahead-at} (23:30 in the department's time zone unless set; empty
 * for never) as of tomorrow: the first whole-graph question of a day, or after a restart, finds its date
 * kept instead of reading a province (tens of seconds for the statistics). Both run in the background.
 */
@Component
public class Warmup {

    private static final Logger log = LoggerFactory.getLogger(Warmup.class);

    /** Reads as a viewer does. */
    static final Caller WARMUP = new Caller("warmup", EnumSet.of(Role.VIEWER));

    private static final Pattern OPERATION = Pattern.compile("(?m)^query (\\w+)");

    /** What one warm-up did. */
    public record Report(int operations, List<String> failures, long millis) {}

    /**
     * The whole graph's questions whose answers the ledgers keep per date (statistics, coverage,
     * warning signs, compound and grid coverage, which the dashboard asks): asked once on a date, every later question on it costs what the changes since
     * cost.
     */
    static final String WHOLE_GRAPH = """
            query WholeGraph($asOf: Date) {
              statistics(asOf: $asOf) { nodeTotal tieTotal }
              coverage(asOf: $asOf) { total }
              warningSigns(asOf: $asOf, first: 1) { totalCount }
              compoundCoverage(asOf: $asOf) { total }
              gridCoverage(asOf: $asOf) { total }
            }""";

    private final ExecutionGraphQlService graphQl;
    private final Driver driver;
    private final GraphVersion version;
    private final Today today;
    private final boolean enabled;
    private final boolean wholeGraph;
    private final LocalTime readAheadAt;
    private volatile Report last;
    private volatile boolean stopping;
    private volatile Thread thread;
    private volatile ScheduledExecutorService readAhead;

    Warmup(
            ExecutionGraphQlService graphQl,
            Driver driver,
            GraphVersion version,
            Today today,
            @Value("${party-graph.warmup.enabled:true}") boolean enabled,
            @Value("${party-graph.warmup.whole-graph:true}") boolean wholeGraph,
            @Value("${party-graph.warmup.read-ahead-at:23:30}") String readAheadAt) {
        this.graphQl = graphQl;
        this.driver = driver;
        this.version = version;
        this.today = today;
        this.enabled = enabled;
        this.wholeGraph = wholeGraph;
        try {
            this.readAheadAt = readAheadAt == null || readAheadAt.isBlank() ? null : LocalTime.parse(readAheadAt);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "party-graph.warmup.read-ahead-at must be a time of day such as 23:30, or empty: " + readAheadAt);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!enabled) {
            return;
        }
        thread = Thread.ofPlatform().daemon().name("warmup").start(() -> {
            last = warm();
            if (wholeGraph && !stopping && keptByDate()) {
                readWholeGraph(today.date());
            }
        });
        if (readAheadAt != null && keptByDate()) {
            readAhead = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("read-ahead").factory());
            scheduleReadAhead();
        }
    }

    /** Whether the ledgers keep answers per date (an embedded database, whose commits the service sees). */
    private boolean keptByDate() {
        return version.current() != GraphVersion.UNKNOWN;
    }

    /** Reads tomorrow's whole-graph answers at the next {@code read-ahead-at}, then again every day. */
    private void scheduleReadAhead() {
        var now = java.time.ZonedDateTime.now(today.zone());
        var next = now.with(readAheadAt);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        readAhead.schedule(
                () -> {
                    readWholeGraph(today.date().plusDays(1));
                    if (!stopping) {
                        scheduleReadAhead();
                    }
                },
                java.time.Duration.between(now, next).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the whole graph's questions as of this date ({@link #WHOLE_GRAPH}), in the background (its
     * statements are counted apart from the requests'), so that the ledgers keep the date before staff
     * ask: today's at start-up, tomorrow's shortly before midnight. Failures are logged, never thrown.
     */
    public boolean readWholeGraph(LocalDate asOf) {
        long started = System.nanoTime();
        var failure = new java.util.concurrent.atomic.AtomicReference<String>();
        Graph.inBackground(() -> failure.set(failure(WHOLE_GRAPH, "WholeGraph", Map.of("asOf", asOf.toString()))));
        if (failure.get() != null) {
            log.warn("Reading the whole graph as of {} failed: {}", asOf, failure.get());
            return false;
        }
        log.info("Read the whole graph as of {} in {} ms", asOf, (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** Asks one operation of a document as the warm-up's viewer: null when answered, else why not. */
    private String failure(String document, String operation, Map<String, Object> variables) {
        try {
            var response = graphQl.execute(WARMUP.request(document, operation, variables, null))
                    .block();
            if (response == null) {
                return "no answer";
            }
            return response.getErrors().isEmpty() ? null : response.getErrors().toString();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /**
     * A stop during the warm-up ends it between two questions, without failures to report: the
     * question under way is let finish (up to 10 s) before the driver and the database close, which
     * would otherwise fail it mid-way (and the driver log a retry with a stack trace).
     */
    @EventListener(ContextClosedEvent.class)
    void stop() throws InterruptedException {
        stopping = true;
        if (readAhead != null) {
            readAhead.shutdownNow();
        }
        Thread running = thread;
        if (running != null && running != Thread.currentThread()) {
            running.join(java.time.Duration.ofSeconds(10));
        }
    }

    /** The last warm-up's report; null before one ran. */
    public Report last() {
        return last;
    }

    /** Runs every operation of the warm-up document once. Failures are logged, never thrown. */
    public Report warm() {
        long started = System.nanoTime();
        String document = document();
        var variables = variables();
        if (variables == null) {
            log.info("Warm-up skipped: the graph has no committee, unit, big community and town yet");
            return new Report(0, List.of(), 0);
        }
        var failures = new ArrayList<String>();
        var operations =
                OPERATION.matcher(document).results().map(m -> m.group(1)).toList();
        for (String operation : operations) {
            if (stopping) {
                log.info("Warm-up ended by the service's stop");
                return new Report(operations.size(), List.of(), (System.nanoTime() - started) / 1_000_000);
            }
            String failure = failure(document, operation, variables);
            if (failure != null) {
                failures.add(operation + ": " + failure);
            }
        }
        var report = new Report(operations.size(), List.copyOf(failures), (System.nanoTime() - started) / 1_000_000);
        if (failures.isEmpty()) {
            log.info("Warmed up: {} operations in {} ms", report.operations(), report.millis());
        } else {
            log.warn("Warm-up: {} of {} operations failed: {}", failures.size(), operations.size(), failures);
        }
        return report;
    }

    private static String document() {
        try (var in = new ClassPathResource("warmup.graphql").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first committee, unit, big community and town by id; null on a graph without them. */
    private Map<String, Object> variables() {
        try (var session = driver.session()) {
            var row = session.executeRead(tx -> tx.run("""
                            OPTIONAL MATCH (o:PartyOrganization {kind: 'COMMITTEE'}) WITH o ORDER BY o.id LIMIT 1
                            OPTIONAL MATCH (u:Unit) WITH o, u ORDER BY u.id LIMIT 1
                            OPTIONAL MATCH (b:Area {kind: 'BIG_COMMUNITY'}) WITH o, u, b ORDER BY b.id LIMIT 1
                            OPTIONAL MATCH (t:Area {kind: 'TOWN'}) WITH o, u, b, t ORDER BY t.id LIMIT 1
                            RETURN o.id AS org, u.id AS unit, b.id AS scope, t.id AS town""").single().asMap());
            if (row.values().stream().anyMatch(java.util.Objects::isNull)) {
                return null;
            }
            return new HashMap<>(row);
        }
    }
}

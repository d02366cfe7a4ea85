package org.dangjian.graph.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Role;
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
 */
@Component
public class Warmup {

    private static final Logger log = LoggerFactory.getLogger(Warmup.class);

    /** Reads as a viewer does. */
    static final Caller WARMUP = new Caller("warmup", EnumSet.of(Role.VIEWER));

    private static final Pattern OPERATION = Pattern.compile("(?m)^query (\\w+)");

    /** What one warm-up did. */
    public record Report(int operations, List<String> failures, long millis) {}

    private final ExecutionGraphQlService graphQl;
    private final Driver driver;
    private final boolean enabled;
    private volatile Report last;
    private volatile boolean stopping;
    private volatile Thread thread;

    Warmup(
            ExecutionGraphQlService graphQl,
            Driver driver,
            @Value("${party-graph.warmup.enabled:true}") boolean enabled) {
        this.graphQl = graphQl;
        this.driver = driver;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (enabled) {
            thread = Thread.ofPlatform().daemon().name("warmup").start(() -> last = warm());
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
            try {
                var request = WARMUP.request(document, operation, variables, null);
                var response = graphQl.execute(request).block();
                if (response == null || !response.getErrors().isEmpty()) {
                    failures.add(operation + ": " + (response == null ? "no answer" : response.getErrors()));
                }
            } catch (RuntimeException e) {
                failures.add(operation + ": " + e.getMessage());
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

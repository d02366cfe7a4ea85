package org.dangjian.graph.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dangjian.graph.security.LoginProtection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trust benchmark, {@code --party-graph.bench.trust=true} with the demo users: over HTTP on
 * loopback, what authentication and sealing cost, each side by side in one run.
 *
 * <ul>
 *   <li>requests/s and p50/p99 with 8 clients as VIEWER over Basic, for {@code { __typename }} and a
 *       nested read, with bcrypt on every request and with verified passwords remembered;
 *   <li>{@code createPerson} without and with its four personal fields (sealed), and a page of 500
 *       persons read by EDITOR without and with them (opened).
 * </ul>
 *
 * It writes persons into the database it runs on: use a scratch data directory.
 */
@Component
@Order(20)
@ConditionalOnProperty("party-graph.bench.trust")
class TrustBenchCommand implements ApplicationRunner {

    static final String NESTED = "{ partyOrganizations(first: 5, orderBy: ID_ASC) { nodes { name"
            + " posts { role person { name } } subordinates { organization { name } } } } }";

    private final WebServerApplicationContext web;
    private final ConfigurableApplicationContext context;
    private final LoginProtection login;
    private final int clients;
    private final Duration duration;
    private final HttpClient http = HttpClient.newBuilder().build();
    private final JsonMapper json = JsonMapper.builder().build();

    TrustBenchCommand(
            WebServerApplicationContext web,
            ConfigurableApplicationContext context,
            LoginProtection login,
            @Value("${party-graph.bench.clients:8}") int clients,
            @Value("${party-graph.bench.seconds:10}") int seconds) {
        this.web = web;
        this.context = context;
        this.login = login;
        this.clients = clients;
        this.duration = Duration.ofSeconds(seconds);
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        String viewer = basic("viewer", "viewer-demo");
        String editor = basic("editor", "editor-demo");
        System.out.printf(
                "%-52s %9s %9s %9s %8s%n",
                "HTTP, " + clients + " clients, " + duration.toSeconds() + " s", "req/s", "p50 ms", "p99 ms", "ratio");
        for (var entry : List.of(Map.entry("{ __typename }", "{ __typename }"), Map.entry("nested read", NESTED))) {
            login.remembering(false);
            var bcrypt = load(viewer, entry.getValue());
            login.remembering(true);
            var remembered = load(viewer, entry.getValue());
            print(entry.getKey() + ", bcrypt every request", bcrypt, null);
            print(entry.getKey() + ", verified password remembered", remembered, bcrypt);
        }

        System.out.printf("%n%-52s %9s %9s %8s%n", "sealing, EDITOR, 30 runs each", "median ms", "p95 ms", "ratio");
        String plain = "mutation { createPerson(input: {name: \"基准甲\"}) { person { id } } }";
        String personal = "mutation { createPerson(input: {name: \"基准乙\", phone: \"13800000000\","
                + " idNumber: \"460003199001010000\", birthDate: \"1990-01-01\", address: \"那大镇基准路1号\"})"
                + " { person { id phone idNumber birthDate address } } }";
        var createPlain = sequential(editor, plain, 30);
        var createSealed = sequential(editor, personal, 30);
        print2("createPerson, no personal fields", createPlain, null);
        print2("createPerson, 4 personal fields sealed", createSealed, createPlain);
        String page = "{ persons(first: 500, orderBy: ID_ASC) { nodes { id name%s } } }";
        var readPlain = sequential(editor, page.formatted(""), 30);
        var readOpened = sequential(editor, page.formatted(" phone idNumber birthDate address"), 30);
        print2("500 persons, no personal fields", readPlain, null);
        print2("500 persons, 4 personal fields opened", readOpened, readPlain);
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    record Load(double perSecond, long[] sorted) {}

    private Load load(String authorization, String document) throws Exception {
        // warm-up
        for (int i = 0; i < 20; i++) {
            send(authorization, document);
        }
        var pool = Executors.newFixedThreadPool(clients);
        var barrier = new CyclicBarrier(clients);
        var futures = new ArrayList<Future<List<Long>>>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                var times = new ArrayList<Long>();
                barrier.await();
                long end = System.nanoTime() + duration.toNanos();
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    send(authorization, document);
                    times.add(System.nanoTime() - t);
                }
                return times;
            }));
        }
        var all = new ArrayList<Long>();
        for (var f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Load(sorted.length / (double) duration.toSeconds(), sorted);
    }

    private long[] sequential(String authorization, String document, int runs) throws Exception {
        for (int i = 0; i < 5; i++) {
            send(authorization, document);
        }
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            send(authorization, document);
            times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        return times;
    }

    private void send(String authorization, String document) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + web.getWebServer().getPort() + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", authorization)
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", document))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException(
                    "Benchmark request failed: " + response.statusCode() + " " + response.body());
        }
    }

    private static void print(String name, Load load, Load base) {
        System.out.printf(
                "%-52s %9.1f %9.1f %9.1f %8s%n",
                name,
                load.perSecond(),
                percentile(load.sorted(), 0.50),
                percentile(load.sorted(), 0.99),
                base == null ? "" : String.format("%.1fx", load.perSecond() / base.perSecond()));
    }

    private static void print2(String name, long[] times, long[] base) {
        System.out.printf(
                "%-52s %9.1f %9.1f %8s%n",
                name,
                percentile(times, 0.50),
                percentile(times, 0.95),
                base == null ? "" : String.format("%.2fx", percentile(times, 0.50) / percentile(base, 0.50)));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0
                ? 0
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)] / 1e6;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

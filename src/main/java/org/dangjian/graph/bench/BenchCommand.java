package org.dangjian.graph.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.stereotype.Component;

/**
 * The benchmark command: with {@code --party-graph.bench.runs=N} the service runs each question of
 * {@link BenchSuite} N times in-process through the GraphQL engine (after warm-up runs), against
 * whatever database it is configured with, prints median and p95 latency per question, computed
 * after a change and kept, in one table, and exits. Scopes are looked up in the graph: the whole
 * graph, the first city, the first town, the first big community.
 */
@Component
@ConditionalOnProperty("party-graph.bench.runs")
class BenchCommand implements ApplicationRunner {

    /** The benchmark reads as a viewer does. */
    static final Caller BENCH = new Caller("bench", java.util.EnumSet.of(Role.VIEWER));

    private final ExecutionGraphQlService graphQl;
    private final org.dangjian.graph.database.Graph graph;
    private final ConfigurableApplicationContext context;
    private final int runs;
    private final String only;
    /** all, main (the table of questions) or jurisdiction (the filter's cost) */
    private final String part;

    private final String change;

    BenchCommand(
            ExecutionGraphQlService graphQl,
            org.dangjian.graph.database.Graph graph,
            ConfigurableApplicationContext context,
            @Value("${party-graph.bench.runs}") int runs,
            @Value("${party-graph.bench.only:}") String only,
            @Value("${party-graph.bench.part:all}") String part,
            @Value("${party-graph.bench.change:unit}") String change) {
        if (!CHANGES.containsKey(change)) {
            throw new IllegalArgumentException("party-graph.bench.change must be one of "
                    + new java.util.TreeSet<>(CHANGES.keySet()) + ", not " + change);
        }
        this.change = change;
        this.graphQl = graphQl;
        this.graph = graph;
        this.context = context;
        this.runs = runs;
        this.only = only;
        this.part = part;
    }

    @Override
    public void run(ApplicationArguments args) {
        var scopes = new LinkedHashMap<String, String>();
        scopes.put("whole graph", null);
        for (String kind : List.of("CITY", "TOWN", "BIG_COMMUNITY")) {
            var data = execute(
                    "query($k: [AreaKind!]) { areas(kinds: [$k], first: 1, orderBy: ID_ASC) { nodes { id } } }"
                            .replace("[$k]", "$k"),
                    Map.of("k", List.of(kind)));
            @SuppressWarnings("unchecked")
            var nodes = (List<Map<String, Object>>) ((Map<String, Object>) data.get("areas")).get("nodes");
            if (!nodes.isEmpty()) {
                scopes.put(kind.toLowerCase(), (String) nodes.getFirst().get("id"));
            }
        }
        var counts = execute("{ statistics { nodeTotal tieTotal } }", Map.of());
        System.out.println("database: " + counts.get("statistics"));
        System.out.println("computed: each run after a change to the graph (" + CHANGES.get(change)
                + ", party-graph.bench.change=" + change + "), so no kept answer serves it;"
                + " kept: the same question again, the graph unchanged");
        System.out.printf(
                "%-44s %-14s %5s %14s %14s %12s %12s%n",
                "question", "scope", "runs", "computed med", "computed p95", "kept med", "kept p95");
        for (var question : part.equals("jurisdiction") ? List.<BenchSuite.Question>of() : BenchSuite.QUESTIONS) {
            if (!selected(question)) {
                continue;
            }
            for (var scope : scopes.entrySet()) {
                if ((!question.scoped() && scope.getValue() != null)
                        || (question.needsScope() && scope.getValue() == null)) {
                    continue;
                }
                var variables = new LinkedHashMap<String, Object>();
                variables.put("scope", scope.getValue());
                variables.putAll(question.variables());
                if (onDates() && !question.document().contains(AS_OF)) {
                    continue; // the question takes no date
                }
                for (int i = 0; i < 3; i++) {
                    change();
                    execute(onDate(question.document()), variables);
                }
                long[] computed = new long[runs];
                for (int i = 0; i < runs; i++) {
                    change();
                    String document = onDate(question.document());
                    long start = System.nanoTime();
                    execute(document, variables);
                    computed[i] = System.nanoTime() - start;
                }
                long[] kept = new long[runs];
                String last = onDates() ? lastAsked : question.document(); // the last date computed
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    execute(last, variables);
                    kept[i] = System.nanoTime() - start;
                }
                Arrays.sort(computed);
                Arrays.sort(kept);
                System.out.printf(
                        "%-44s %-14s %5d %14.1f %14.1f %12.1f %12.1f%n",
                        question.name(),
                        scope.getKey(),
                        runs,
                        computed[runs / 2] / 1e6,
                        computed[(int) Math.ceil(runs * 0.95) - 1] / 1e6,
                        kept[runs / 2] / 1e6,
                        kept[(int) Math.ceil(runs * 0.95) - 1] / 1e6);
            }
        }
        if (!part.equals("main")) {
            jurisdictions(scopes);
        }
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    /** Whether {@code party-graph.bench.only} asks for the question (by the start of its name). */
    private boolean selected(BenchSuite.Question question) {
        return only.isBlank()
                || Arrays.stream(only.split(",")).anyMatch(o -> question.name().startsWith(o.strip()));
    }

    /** What a user with a jurisdiction and a list and a lookup add to the scoped questions. */
    static final List<BenchSuite.Question> LIMITED_EXTRA = List.of(
            new BenchSuite.Question("partyOrganizations (first 50, totalCount)", """
                    query { partyOrganizations(first: 50) { totalCount nodes { id name } } }""", Map.of(), true),
            new BenchSuite.Question("area by id, with its parts", """
                    query($scope: ID!) { area(id: $scope) { name parts { area { id name } } } }""", Map.of(), true));

    /**
     * The cost of the jurisdiction filter: the same question about the same scope asked by a viewer of
     * the whole graph and by a viewer whose jurisdiction is that scope; computed (after a change, so
     * the restricted run also computes what lies inside the jurisdiction) and kept.
     */
    private void jurisdictions(Map<String, String> scopes) {
        System.out.println();
        System.out.println(
                "jurisdiction filter: a viewer of the whole graph vs a viewer whose jurisdiction is the scope,"
                        + " same question, same scope; median ms");
        System.out.printf(
                "%-44s %-14s %12s %12s %7s %12s %12s %7s%n",
                "question", "scope", "whole comp", "limited comp", "ratio", "whole kept", "limited kept", "ratio");
        var questions = new ArrayList<BenchSuite.Question>(BenchSuite.QUESTIONS);
        questions.addAll(LIMITED_EXTRA);
        for (var scope : scopes.entrySet()) {
            if (scope.getValue() == null || scope.getKey().equals("city")) {
                continue;
            }
            var limited =
                    new Caller("bench-limited", java.util.EnumSet.of(Role.VIEWER), java.util.Set.of(scope.getValue()));
            for (var question : questions) {
                if (!question.scoped() || question.name().startsWith("connection") || !selected(question)) {
                    continue;
                }
                var variables = new LinkedHashMap<String, Object>();
                variables.put("scope", scope.getValue());
                variables.putAll(question.variables());
                double[] medians = new double[4];
                for (boolean kept : List.of(false, true)) {
                    for (Caller caller : List.of(BENCH, limited)) {
                        for (int i = 0; i < 2; i++) {
                            change();
                            execute(caller, question.document(), variables);
                        }
                        long[] times = new long[runs];
                        for (int i = 0; i < runs; i++) {
                            if (!kept) {
                                change();
                            }
                            long start = System.nanoTime();
                            execute(caller, question.document(), variables);
                            times[i] = System.nanoTime() - start;
                        }
                        Arrays.sort(times);
                        // whole computed, limited computed, whole kept, limited kept
                        medians[(kept ? 2 : 0) + (caller == BENCH ? 0 : 1)] = times[runs / 2] / 1e6;
                    }
                }
                System.out.printf(
                        "%-44s %-14s %12.1f %12.1f %7.2f %12.1f %12.1f %7.2f%n",
                        question.name(),
                        scope.getKey(),
                        medians[0],
                        medians[1],
                        medians[1] / medians[0],
                        medians[2],
                        medians[3],
                        medians[3] / medians[2]);
            }
        }
    }

    /** The changes a computed run follows (party-graph.bench.change). */
    static final Map<String, String> CHANGES = Map.of(
            "marker", "a marker node written and removed, which no question reads",
            "unit", "a property set on the first unit and removed, as an edit of one unit would",
            "area", "a property set on the first big community and removed, which every unit below it reads",
            "membership", "a property set on the first membership tie and removed, as an edit of one member would",
            "date", "no change, but each run asks about a date not asked before (a day earlier each time)",
            "year", "no change, but each run asks about a date not asked before (a year earlier each time)");

    /** The date the questions ask about. */
    static final String AS_OF = "2020-03-01";

    /** Dates asked so far with {@code change=date} or {@code year}, and the last question so asked. */
    private int datesAsked;

    private String lastAsked;

    /**
     * The question as asked next: with {@code change=date} or {@code year}, about a date no question asked before (a
     * day earlier each time, whatever the question or scope), so that nothing kept for a date serves it.
     */
    private String onDate(String document) {
        if (!onDates()) {
            return document;
        }
        var asOf = java.time.LocalDate.parse(AS_OF);
        lastAsked = document.replace(
                AS_OF,
                (change.equals("date") ? asOf.minusDays(++datesAsked) : asOf.minusYears(++datesAsked)).toString());
        return lastAsked;
    }

    /** Whether each run asks about another date ({@code change=date} or {@code year}). */
    private boolean onDates() {
        return change.equals("date") || change.equals("year");
    }

    /** Moves the graph's version and leaves the graph as it was: two commits, a change and its undoing. */
    private void change() {
        switch (change) {
            case "date", "year" -> {} // each run asks about another date instead
            case "unit" -> {
                graph.run("MATCH (u:Unit {id: 'unit-c000-0000001'}) SET u.benchTouched = timestamp()", Map.of());
                graph.run("MATCH (u:Unit {id: 'unit-c000-0000001'}) REMOVE u.benchTouched", Map.of());
            }
            case "area" -> {
                graph.run(
                        "MATCH (a:Area {kind: 'BIG_COMMUNITY'}) WITH a ORDER BY a.id LIMIT 1 SET a.benchTouched = timestamp()",
                        Map.of());
                graph.run("MATCH (a:Area) WHERE a.benchTouched IS NOT NULL REMOVE a.benchTouched", Map.of());
            }
            case "membership" -> {
                graph.run("MATCH ()-[m:MEMBER_OF]->() WITH m LIMIT 1 SET m.benchTouched = timestamp()", Map.of());
                graph.run("MATCH ()-[m:MEMBER_OF]->() WITH m LIMIT 1 REMOVE m.benchTouched", Map.of());
            }
            default -> {
                graph.run("CREATE (:BenchMarker {at: timestamp()})", Map.of());
                graph.run("MATCH (m:BenchMarker) DELETE m", Map.of());
            }
        }
    }

    private Map<String, Object> execute(String document, Map<String, Object> variables) {
        return execute(BENCH, document, variables);
    }

    private Map<String, Object> execute(Caller caller, String document, Map<String, Object> variables) {
        var request = caller.request(document, null, variables, null);
        var response = graphQl.execute(request).block();
        if (!response.getErrors().isEmpty()) {
            throw new IllegalStateException("Benchmark query failed: " + response.getErrors());
        }
        return response.getData();
    }

    /** The questions measured. */
    static final class BenchSuite {

        record Question(String name, String document, Map<String, Object> variables, boolean scoped) {

            /** Questions about one node need a scope; the whole graph does not apply. */
            boolean needsScope() {
                return document.contains("[$scope]") || document.contains("toId: $scope");
            }
        }

        static final List<Question> QUESTIONS = new ArrayList<>(List.of(
                new Question("coverage (two-new, by unit kind, 20 uncovered)", """
                        query($scope: ID) { coverage(scope: $scope, groupBy: UNIT_KIND) { total organizationalRate { value }
                          groups { label total } uncovered(first: 20) { totalCount nodes { unit { name } } } } }""", Map.of(), true),
                new Question("compoundCoverage", """
                        query($scope: ID) { compoundCoverage(scope: $scope) { total byNone compounds { byNone } } }""", Map.of(), true),
                new Question("gridCoverage", """
                        query($scope: ID) { gridCoverage(scope: $scope) { total withoutWorkers grids { workers } } }""", Map.of(), true),
                new Question("warningSigns (all six rules, first 20)", """
                        query($scope: ID) { warningSigns(scope: $scope, asOf: "2020-03-01", first: 20) { totalCount
                          nodes { rule { code } organization { name } evidence } } }""", Map.of(), true),
                new Question("warningSigns (first 20, no totalCount)", """
                        query($scope: ID) { warningSigns(scope: $scope, asOf: "2020-03-01", first: 20) {
                          nodes { rule { code } organization { name } evidence } pageInfo { endCursor } } }""", Map.of(), true),
                new Question("network depth 2 (limit 500)", """
                        query($scope: ID!) { network(rootIds: [$scope], depth: 2, limit: 500) { truncated nodes { id } edges { id } } }""", Map.of(), true),
                new Question("connection (an organ to the area)", """
                        query($scope: ID!, $unit: ID!) { connection(fromId: $unit, toId: $scope, maxDepth: 6) { nodes { id } } }""", Map.of("unit", "unit-c000-0000001"), true),
                new Question("statistics (node and tie totals)", """
                        query($scope: ID) { statistics(scope: $scope, asOf: "2020-03-01") { nodeTotal tieTotal } }""", Map.of(), true),
                new Question("weakOrganizationStats", """
                        query($scope: ID) { weakOrganizationStats(scope: $scope, asOf: "2020-03-01") { total { rectified } } }""", Map.of(), true)));

        private BenchSuite() {}
    }
}

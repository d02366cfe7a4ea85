package org.dangjian.graph.weakness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.WritersAndReaders;
import org.dangjian.graph.queries.CypherCatalogue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole graph's warning signs kept per organization equal what the six rules find when run over
 * the whole graph, after every kind of change a rule reads (past the service, over Bolt, and through
 * the API), page by page with their evidence, while running the rules again only for the organizations
 * a change touched; and writers racing each other and readers each read their own write at once.
 */
@IntegrationTest
class WarningLedgerIT extends GraphFixture {

    private static final LocalDate AS_OF = LocalDate.of(2020, 3, 1);

    @Autowired
    WarningLedger ledger;

    @Autowired
    WarningService warnings;

    @Autowired
    CypherCatalogue catalogue;

    /** A finding as the rules find it over the whole graph: its order and its evidence. */
    record Expected(int rank, String name, String id, Map<String, Object> evidence) {}

    @Autowired
    WeaknessService weakness;

    private List<Expected> statement() {
        return statement(null, AS_OF);
    }

    /** What the rules find among these organizations (all when null). */
    private List<Expected> statement(List<String> orgIds, LocalDate asOf) {
        var all = new ArrayList<Expected>();
        for (var rule : warnings.rules()) {
            var params = new HashMap<String, Object>(rule.thresholds());
            params.put("orgIds", orgIds);
            params.put("asOf", asOf);
            params.put("rule", rule.code());
            params.put("afterName", null);
            params.put("afterId", null);
            for (var row : graph.rows(catalogue.without(rule.query(), "warning-page"), params)) {
                @SuppressWarnings("unchecked")
                var o = (Map<String, Object>) row.get("organization");
                @SuppressWarnings("unchecked")
                var evidence = (Map<String, Object>) row.get("evidence");
                String name = o.get("name") == null ? "" : (String) o.get("name");
                all.add(new Expected(rule.severityRank(), name, rule.code() + ":" + o.get("id"), evidence));
            }
        }
        all.sort(Comparator.comparingInt(Expected::rank)
                .thenComparing(Expected::name)
                .thenComparing(Expected::id));
        return all;
    }

    private Set<String> kept() {
        return ledger.findings(warnings.rules(), AS_OF).stream()
                .map(WarningLedger.Found::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The kept findings, and the API's first two pages with their evidence, equal the rules' own. */
    private void assertSameAsTheRules(String after) {
        var expected = statement();
        assertThat(kept())
                .as("findings after %s", after)
                .isEqualTo(expected.stream().map(Expected::id).collect(Collectors.toCollection(TreeSet::new)));
        String cursor = null;
        for (int page = 0; page < 2; page++) {
            var response = api.document("""
                            query($after: String) { warningSigns(asOf: "2020-03-01", first: 15, after: $after) {
                              totalCount nodes { id evidence } pageInfo { endCursor } } }""").variable("after", cursor).execute();
            assertThat(response.path("warningSigns.totalCount")
                            .entity(Integer.class)
                            .get())
                    .as("the total after %s", after)
                    .isEqualTo(expected.size());
            var nodes =
                    response.path("warningSigns.nodes").entityList(Map.class).get();
            var want =
                    expected.subList(Math.min(page * 15, expected.size()), Math.min(page * 15 + 15, expected.size()));
            assertThat(nodes.stream().map(n -> n.get("id")).toList())
                    .as("page %d after %s", page, after)
                    .isEqualTo(want.stream().map(Expected::id).toList());
            for (int i = 0; i < nodes.size(); i++) {
                assertThat(plain((Map<?, ?>) nodes.get(i).get("evidence")))
                        .as("evidence of %s after %s", want.get(i).id(), after)
                        .isEqualTo(plain(want.get(i).evidence()));
            }
            cursor = response.path("warningSigns.pageInfo.endCursor")
                    .entity(String.class)
                    .get();
        }
        // each scope from the kept findings, as the rules find them among its organizations
        for (String scope : List.of("W-other", "W-f1", "W-area")) {
            List<String> orgIds;
            try {
                orgIds = weakness.scopeIds(scope + t, AS_OF);
            } catch (org.dangjian.graph.api.ApiException gone) {
                continue; // deleted by the change
            }
            Set<String> scoped = ledger.findingsIfKept(warnings.rules(), AS_OF, orgIds).orElseThrow().stream()
                    .map(WarningLedger.Found::id)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(scoped)
                    .as("findings of scope %s after %s", scope, after)
                    .isEqualTo(statement(orgIds, AS_OF).stream()
                            .map(Expected::id)
                            .collect(Collectors.<String, Set<String>>toCollection(TreeSet::new)));
        }
    }

    /** Evidence as text, key by key: the API's JSON numbers and the driver's compare alike. */
    private static Map<String, String> plain(Map<?, ?> evidence) {
        var out = new java.util.TreeMap<String, String>();
        evidence.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    private static final String FEW = """
            query($s: ID) { warningSigns(scope: $s, rules: ["FEW_FORMAL_MEMBERS"], asOf: "2020-03-01") {
              nodes { id evidence } } }""";

    /** The evidence of a branch's one finding of too few formal members (null when none). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> fewFormal(String branch) {
        var nodes = api.document(FEW)
                .variable("s", branch)
                .execute()
                .path("warningSigns.nodes")
                .entityList(Map.class)
                .get();
        return nodes.isEmpty() ? null : (Map<String, Object>) nodes.getFirst().get("evidence");
    }

    @Test
    void aPagesEvidenceIsKeptOverChangesElsewhereAndFollowsEveryChangeToItsOrganization() throws Exception {
        cypher("""
                UNWIND range(0, 3) AS i
                CREATE (o:Entity:PartyOrganization {id: 'E-o' + i + $t, name: 'E支部' + i, kind: 'BRANCH', sector: 'COMMUNITY'})
                CREATE (:Entity:Person {id: 'E-p' + i + $t, name: 'E党员' + i})
                  -[:MEMBER_OF {id: 'E-m' + i + $t, status: 'FORMAL', since: date('2015-01-01')}]->(o)
                """);
        kept(); // the date read whole: scopes are answered from it
        assertThat(fewFormal("E-o0" + t)).containsEntry("formalMembers", 1).containsEntry("probationaryMembers", 0);
        long evidenceRead = ledger.counts().get("evidenceRead");
        long sent = graph.sentCount();

        // a commit no rule reads: the page again, from what is kept, without a statement
        touchGraph();
        assertThat(fewFormal("E-o0" + t)).containsEntry("formalMembers", 1).containsEntry("probationaryMembers", 0);
        assertThat(graph.sentCount() - sent)
                .as("statements for the page after a marker")
                .isZero();
        // another organization edited: its rules run again (the catch-up), the page's evidence is kept
        cypher("MATCH (o:PartyOrganization {id: 'E-o1' + $t}) SET o.name = 'E支部改' + $t");
        assertThat(fewFormal("E-o0" + t)).containsEntry("formalMembers", 1).containsEntry("probationaryMembers", 0);
        assertThat(ledger.counts().get("evidenceRead")).as("evidence read").isEqualTo(evidenceRead);

        // a probationary member: still a finding, the evidence moved
        cypher("""
                MATCH (o:PartyOrganization {id: 'E-o0' + $t})
                CREATE (:Entity:Person {id: 'E-q0' + $t, name: 'E预备'})-[:MEMBER_OF {id: 'E-n0' + $t, status: 'PROBATIONARY', since: date('2019-01-01')}]->(o)
                """);
        assertThat(fewFormal("E-o0" + t)).containsEntry("formalMembers", 1).containsEntry("probationaryMembers", 1);
        // its organization renamed: the evidence's organization too
        cypher("MATCH (o:PartyOrganization {id: 'E-o0' + $t}) SET o.name = 'E支部零' + $t");
        assertThat(api.document(FEW.replace("nodes { id evidence }", "nodes { organization { name } }"))
                        .variable("s", "E-o0" + t)
                        .execute()
                        .path("warningSigns.nodes[0].organization.name")
                        .entity(String.class)
                        .get())
                .isEqualTo("E支部零" + t);

        // writers add members to their own branch and read their page at once; readers read the others'
        var wrong = WritersAndReaders.race(
                4,
                3,
                6,
                (i, r) -> {
                    try (var session = driver.session()) {
                        session.run(
                                        "MATCH (o:PartyOrganization {id: $o}) CREATE (:Entity:Person {id: $p, name: 'E竞速'})"
                                                + "-[:MEMBER_OF {id: $m, status: 'PROBATIONARY', since: date('2019-01-01')}]->(o)",
                                        Map.of(
                                                "o",
                                                "E-o" + i + t,
                                                "p",
                                                "E-r" + i + "-" + r + t,
                                                "m",
                                                "E-rm" + i + "-" + r + t))
                                .consume();
                    }
                    var evidence = fewFormal("E-o" + i + t);
                    int want = r + 1 + (i == 0 ? 1 : 0);
                    return evidence != null && Integer.valueOf(want).equals(evidence.get("probationaryMembers"))
                            ? null
                            : "evidence " + evidence + ", " + want + " probationary members written";
                },
                () -> fewFormal(
                        "E-o" + java.util.concurrent.ThreadLocalRandom.current().nextInt(4) + t));
        assertThat(wrong).as("pages that missed the writer's own write").isEmpty();
    }

    @Test
    void aScopeIsAnsweredFromTheKeptFindingsOnceItsDateHasBeenReadInTheBackground() throws Exception {
        cypher("""
                CREATE (c:Entity:PartyOrganization {id: 'S-c' + $t, name: 'S党委' + $t, kind: 'COMMITTEE', sector: 'COMMUNITY'})
                WITH c UNWIND range(0, 4) AS i
                CREATE (:Entity:PartyOrganization {id: 'S-b' + i + $t, name: 'S支部' + i + $t, kind: 'BRANCH', sector: 'COMMUNITY'})
                  -[:REPORTS_TO {id: 'S-r' + i + $t, since: date('2015-01-01')}]->(c)
                """);
        var day = LocalDate.of(2019, 11, 18); // a date no other test asks
        String question = """
                query($s: ID, $d: Date) { warningSigns(scope: $s, asOf: $d, first: 4) {
                  totalCount nodes { id evidence } pageInfo { endCursor } } }""";
        long answered = ledger.counts().get("scopesAnswered");
        var first = signs(question, "S-c" + t, day);
        assertThat(ledger.keeps(day))
                .as("kept after one question about a scope")
                .isFalse();
        touchGraph();
        assertThat(signs(question, "S-c" + t, day)).isEqualTo(first);
        awaitBackgroundReads();
        assertThat(ledger.keeps(day)).as("kept after the background read").isTrue();
        assertThat(ledger.counts().get("scopesAnswered")).isEqualTo(answered);

        // a secretary for the committee, then the scope from the kept findings: as the rules find them
        cypher("""
                MATCH (c:PartyOrganization {id: 'S-c' + $t})
                CREATE (:Entity:Person {id: 'S-p' + $t, name: 'S书记'})-[:HOLDS_POST {id: 'S-h' + $t, role: 'SECRETARY', since: date('2016-01-01')}]->(c)
                """);
        var kept = signs(question, "S-c" + t, day);
        var expected = statement(weakness.scopeIds("S-c" + t, day), day);
        assertThat(kept.get("totalCount")).isEqualTo(expected.size());
        assertThat(((List<?>) kept.get("nodes"))
                        .stream().map(n -> ((Map<?, ?>) n).get("id")).toList())
                .isEqualTo(expected.subList(0, 4).stream().map(Expected::id).toList());
        assertThat(((List<?>) kept.get("nodes"))
                        .stream()
                                .map(n -> ((Map<?, ?>) ((Map<?, ?>) n).get("evidence")).keySet())
                                .toList())
                .isEqualTo(expected.subList(0, 4).stream()
                        .map(e -> e.evidence().keySet())
                        .toList());
        assertThat(kept.get("totalCount"))
                .as("the secretary moved the findings")
                .isNotEqualTo(first.get("totalCount"));
        // and the next page after the kept page's cursor
        var next = api.document(question.replace("first: 4)", "first: 4, after: $a)")
                        .replace("$d: Date)", "$d: Date, $a: String)"))
                .variable("s", "S-c" + t)
                .variable("d", day.toString())
                .variable("a", ((Map<?, ?>) kept.get("pageInfo")).get("endCursor"))
                .execute()
                .path("warningSigns.nodes")
                .entityList(Map.class)
                .get();
        assertThat(next.stream().map(n -> n.get("id")).toList())
                .isEqualTo(expected.subList(4, Math.min(8, expected.size())).stream()
                        .map(Expected::id)
                        .toList());
        assertThat(ledger.counts().get("scopesAnswered") - answered)
                .as("scopes answered from the kept findings")
                .isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> signs(String question, String scope, LocalDate day) {
        return api.document(question)
                .variable("s", scope)
                .variable("d", day.toString())
                .execute()
                .path("warningSigns")
                .entity(Map.class)
                .get();
    }

    @Test
    void theFindingsKeptPerOrganizationFollowEveryChangeAndRunOnlyForTheOrganizationsItTouched() {
        cypher("""
                CREATE (:Entity:PartyOrganization {id: 'W-other' + $t, name: 'W其他党委' + $t, kind: 'COMMITTEE', sector: 'COMMUNITY'})
                CREATE (:Entity:Area {id: 'W-area' + $t, name: 'W社区' + $t, kind: 'COMMUNITY'})
                CREATE (:Entity:Unit {id: 'W-unit' + $t, name: 'W单位' + $t, kind: 'NON_PUBLIC_ENTERPRISE'})
                """);
        assertSameAsTheRules("the fixture");
        long fullReads = ledger.counts().get("fullReads");
        long read = ledger.counts().get("organizationsRead");
        var changes = List.of(
                // a new branch: no members, no secretary, no activity, no co-building tie
                "CREATE (:Entity:PartyOrganization {id: 'W-f1' + $t, name: 'W支部' + $t, kind: 'BRANCH', sector: 'COMMUNITY'})",
                """
                MATCH (o:PartyOrganization {id: 'W-f1' + $t})
                UNWIND range(1, 3) AS j
                CREATE (:Entity:Person {id: 'W-p' + j + $t, name: 'W党员' + j})-[:MEMBER_OF {id: 'W-m' + j + $t, status: 'FORMAL', since: date('2015-01-01')}]->(o)
                """,
                "MATCH ()-[m:MEMBER_OF {id: 'W-m1' + $t}]->() SET m.outOfContact = true",
                """
                MATCH (p:Person {id: 'W-p2' + $t}), (o:PartyOrganization {id: 'W-f1' + $t})
                CREATE (p)-[:HOLDS_POST {id: 'W-h1' + $t, role: 'SECRETARY', since: date('2016-01-01')}]->(o)
                """,
                "MATCH (o:PartyOrganization {id: 'W-f1' + $t}) SET o.electedOn = date('2010-01-01')",
                """
                MATCH (o:PartyOrganization {id: 'W-f1' + $t})
                CREATE (:Entity:Activity {id: 'W-a1' + $t, name: 'W活动', date: date('2020-01-10')})-[:HELD_BY {id: 'W-hb1' + $t}]->(o)
                """,
                "MATCH (a:Activity {id: 'W-a1' + $t}) SET a.date = date('2019-01-10')",
                """
                MATCH (o:PartyOrganization {id: 'W-f1' + $t}), (u:Unit {id: 'W-unit' + $t})
                CREATE (o)-[:ESTABLISHED_IN {id: 'W-e1' + $t, mode: 'STANDALONE', since: date('2015-01-01')}]->(u)
                """,
                // a part-time seat on another committee on behalf of the unit: a co-building tie
                """
                MATCH (p:Person {id: 'W-p3' + $t}), (other:PartyOrganization {id: 'W-other' + $t})
                CREATE (p)-[:HOLDS_POST {id: 'W-h2' + $t, role: 'PART_TIME_MEMBER', onBehalfOf: 'W-unit' + $t, since: date('2016-01-01')}]->(other)
                """,
                "MATCH ()-[h:HOLDS_POST {id: 'W-h2' + $t}]->() DELETE h",
                // the unit paired, then the pairing ended
                """
                MATCH (u:Unit {id: 'W-unit' + $t}), (a:Area {id: 'W-area' + $t})
                CREATE (u)-[:PAIRED_WITH {id: 'W-pw1' + $t, since: date('2016-01-01')}]->(a)
                """,
                "MATCH ()-[p:PAIRED_WITH {id: 'W-pw1' + $t}]->() SET p.until = date('2019-01-01')",
                // the branch leads the area, which another pairs with
                """
                MATCH (o:PartyOrganization {id: 'W-f1' + $t}), (a:Area {id: 'W-area' + $t}), (other:PartyOrganization {id: 'W-other' + $t})
                CREATE (o)-[:LEADS {id: 'W-l1' + $t, since: date('2016-01-01')}]->(a)
                CREATE (other)-[:PAIRED_WITH {id: 'W-pw2' + $t, since: date('2016-01-01')}]->(a)
                """,
                "MATCH (o:PartyOrganization {id: 'W-f1' + $t}) SET o.name = 'W支部改' + $t",
                "MATCH ()-[h:HOLDS_POST {id: 'W-h1' + $t}]->() SET h.until = date('2019-06-01')",
                "MATCH (o:PartyOrganization {id: 'W-f1' + $t}) DETACH DELETE o");
        for (String change : changes) {
            cypher(change);
            assertSameAsTheRules(change);
        }
        renameOrganization("W-other" + t, "W其他党委改");
        assertSameAsTheRules("a rename through the API");

        assertThat(ledger.counts().get("fullReads"))
                .as("every organization read again")
                .isEqualTo(fullReads);
        assertThat(ledger.counts().get("organizationsRead") - read)
                .as("organizations the rules ran for again, for %d changes", changes.size() + 1)
                .isLessThan(changes.size() * 5L);
    }

    @Test
    void writersRacingEachOtherAndReadersEachReadTheirOwnWrite() throws Exception {
        int writers = 4;
        int readers = 2;
        int rounds = 10;
        cypher("""
                UNWIND range(0, 3) AS i
                CREATE (o:Entity:PartyOrganization {id: 'R-o' + i + $t, name: 'R支部' + i, kind: 'BRANCH', sector: 'COMMUNITY'})
                CREATE (:Entity:Person {id: 'R-p' + i + $t, name: 'R书记' + i})
                """);
        kept();
        var scopedAnswers = new java.util.concurrent.atomic.AtomicInteger();
        var wrong = WritersAndReaders.race(
                writers,
                readers,
                rounds,
                (i, r) -> {
                    boolean appoint = WritersAndReaders.toggleTie(
                            driver,
                            r,
                            "MATCH (p:Person {id: $p}), (o:PartyOrganization {id: $o}) CREATE (p)-[:HOLDS_POST {id: $tie, role: 'SECRETARY'}]->(o)",
                            "MATCH ()-[h:HOLDS_POST {id: $tie}]->() DELETE h",
                            "R-h" + i + t,
                            Map.of("p", "R-p" + i + t, "o", "R-o" + i + t));
                    boolean found = kept().contains("NO_SECRETARY:R-o" + i + t);
                    if (found == appoint) {
                        return "found " + found;
                    }
                    // the branch as a scope's: from the kept findings unless another reader holds the date
                    var scoped = ledger.findingsIfKept(warnings.rules(), AS_OF, List.of("R-o" + i + t));
                    if (scoped.isPresent()) {
                        scopedAnswers.incrementAndGet();
                        boolean inScope =
                                scoped.get().stream().anyMatch(f -> f.id().equals("NO_SECRETARY:R-o" + i + t));
                        if (inScope == appoint) {
                            return "found in the scope " + inScope;
                        }
                    }
                    return null;
                },
                this::kept);
        assertThat(wrong).as("answers that missed the writer's own write").isEmpty();
        assertThat(scopedAnswers.get())
                .as("scopes answered from the kept findings")
                .isPositive();
        assertSameAsTheRules("the race");
    }
}

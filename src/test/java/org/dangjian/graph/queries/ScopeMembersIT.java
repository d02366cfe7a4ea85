package org.dangjian.graph.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A scope's members ({@code scope-units} and the other three) are kept over the commits that touched
 * no tie a scope follows and no member's id: an edit elsewhere or of a member's name, a tie of another
 * type, costs the next scoped question no statement, while every tie a scope follows, a member's id
 * changed, or a label given anywhere has them read again, and no read that starts after such a write has returned
 * misses it. The statements read nothing else, held to the list of ties by reading their text.
 */
@IntegrationTest
class ScopeMembersIT extends GraphFixture {

    @Autowired
    NamedQueries queries;

    @Autowired
    CypherCatalogue catalogue;

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 1);

    private String area() {
        return "area-S" + t;
    }

    private List<String> units() {
        return queries.scopeMembers("scope-units", area(), AS_OF);
    }

    /** Statements sent for the scope's units, asked after whatever came before. */
    private long sentForUnits() {
        long sent = graph.sentCount();
        units();
        return graph.sentCount() - sent;
    }

    private void given() {
        cypher("CREATE (a:Entity:Area {id: 'area-S' + $t, name: '范围社区' + $t, kind: 'COMMUNITY'}),"
                + " (b:Entity:Area {id: 'area-S2' + $t, name: '别处社区' + $t, kind: 'COMMUNITY'}),"
                + " (:Entity:Unit {id: 'unit-S1' + $t, name: '范围单位一' + $t, kind: 'SOCIAL_ORGANIZATION'})"
                + "-[:LOCATED_IN {id: 'tie-S1' + $t}]->(a),"
                + " (:Entity:PartyOrganization {id: 'org-S' + $t, name: '别处支部' + $t, kind: 'BRANCH'})");
    }

    @AfterEach
    void removeTheTestsNodes() {
        cypher("MATCH (n:Entity) WHERE n.id ENDS WITH $t AND (n.id STARTS WITH 'area-S' OR n.id STARTS WITH 'unit-S'"
                + " OR n.id STARTS WITH 'org-S' OR n.id STARTS WITH 'person-S') DETACH DELETE n");
    }

    @Test
    void theScopeStatementsFollowOnlyTheTiesTheKeptMembersWatchAndReadOnlyIdsAndDates() {
        var tie = Pattern.compile("\\[\\s*\\w*\\s*:\\s*([A-Z_]+(?:\\s*\\|\\s*[A-Z_]+)*)");
        var property = Pattern.compile("\\b[a-z]\\w*\\.([A-Za-z_]\\w*)\\b");
        var followed = new HashSet<String>();
        for (String name : NamedQueries.SCOPE_MEMBERS) {
            var code = new StringBuilder();
            catalogue
                    .get(name)
                    .cypher()
                    .lines()
                    .filter(l -> !l.trim().startsWith("//"))
                    .forEach(l -> code.append(l).append('\n'));
            var types = new HashSet<String>();
            var m = tie.matcher(code);
            while (m.find()) {
                for (String type : m.group(1).split("\\|")) {
                    types.add(type.trim());
                }
            }
            assertThat(types).as(name + ": the ties it follows").isSubsetOf(NamedQueries.SCOPE_TIES);
            followed.addAll(types);
            var read = new HashSet<String>();
            var p = property.matcher(code);
            while (p.find()) {
                read.add(p.group(1));
            }
            assertThat(read)
                    .as(name + ": the properties it reads (a node's id, a tie's dates)")
                    .isSubsetOf(Set.of("id", "since", "until"));
        }
        assertThat(followed).as("the ties the four follow").isEqualTo(NamedQueries.SCOPE_TIES);
    }

    @Test
    void aScopeOutlivesEditsElsewhereAndSeesEveryTieItFollows() {
        given();
        assertThat(units()).containsExactly("unit-S1" + t);

        // a name elsewhere, a tie of a type a scope does not follow (to a member), a marker
        cypher("MATCH (o:PartyOrganization {id: 'org-S' + $t}) SET o.name = '别处改名' + $t");
        cypher("MATCH (u:Unit {id: 'unit-S1' + $t}) CREATE (:Entity:Person {id: 'person-S' + $t, name: '某人'})"
                + "-[:WORKS_AT {id: 'tie-SW' + $t}]->(u)");
        touchGraph();
        assertThat(sentForUnits()).as("the scope's units after edits elsewhere").isZero();
        assertThat(units()).containsExactly("unit-S1" + t);

        // the scope's and a member's names: a scope reads only their ids
        cypher("MATCH (u:Unit {id: 'unit-S1' + $t}) SET u.name = '范围单位改名' + $t");
        cypher("MATCH (a:Area {id: 'area-S' + $t}) SET a.name = '范围社区改名' + $t");
        assertThat(sentForUnits()).isZero();

        // a member's id changed: read again, under its new id
        cypher("MATCH (u:Unit {id: 'unit-S1' + $t}) SET u.id = 'unit-S1b' + $t");
        assertThat(units()).containsExactly("unit-S1b" + t);

        // a unit located in the scope, past the service
        cypher("MATCH (a:Area {id: 'area-S' + $t}) CREATE (:Entity:Unit {id: 'unit-S2' + $t, name: '范围单位二' + $t,"
                + " kind: 'SOCIAL_ORGANIZATION'})-[:LOCATED_IN {id: 'tie-S2' + $t}]->(a)");
        assertThat(units()).containsExactlyInAnyOrder("unit-S1b" + t, "unit-S2" + t);

        // a tie it follows, elsewhere: read again all the same (a superset is enough), the same members
        assertThat(sentForUnits()).isZero();
        cypher("MATCH (a:Area {id: 'area-S2' + $t}) CREATE (:Entity:Unit {id: 'unit-S3' + $t, name: '别处单位' + $t,"
                + " kind: 'SOCIAL_ORGANIZATION'})-[:LOCATED_IN {id: 'tie-S3' + $t}]->(a)");
        assertThat(sentForUnits()).isPositive();
        assertThat(units()).containsExactlyInAnyOrder("unit-S1b" + t, "unit-S2" + t);

        // a tie's end date: the unit has left the scope as of the date asked
        cypher("MATCH ()-[l:LOCATED_IN {id: 'tie-S2' + $t}]->() SET l.until = date('2026-01-01')");
        assertThat(units()).containsExactly("unit-S1b" + t);

        // an area without ties is its own scope, until it is deleted (no tie touched)
        cypher("CREATE (:Entity:Area {id: 'area-S4' + $t, name: '孤立社区' + $t, kind: 'COMMUNITY'})");
        assertThat(queries.scopeMembers("scope-areas", "area-S4" + t, AS_OF)).containsExactly("area-S4" + t);
        cypher("MATCH (a:Area {id: 'area-S4' + $t}) DELETE a");
        assertThat(queries.scopeMembers("scope-areas", "area-S4" + t, AS_OF)).isEmpty();

        // a label given to a node anywhere: read again
        assertThat(sentForUnits()).isZero();
        cypher("MATCH (o:PartyOrganization {id: 'org-S' + $t}) SET o:Flagged");
        assertThat(sentForUnits()).isPositive();
    }

    @Test
    void noReadOfAScopeThatStartsAfterATieWasAddedMissesIt() throws Exception {
        given();
        for (int round = 0; round < 6; round++) {
            assertThat(units()).hasSize(round + 1); // kept before the race
            String unit = "unit-SR" + round + t;
            int readers = 5;
            var barrier = new CyclicBarrier(readers + 2);
            var pool = Executors.newFixedThreadPool(readers + 2);
            try {
                var written = new AtomicBoolean();
                var stale = new ArrayList<Future<List<List<String>>>>();
                for (int r = 0; r < readers; r++) {
                    stale.add(pool.submit(() -> {
                        barrier.await();
                        var seen = new ArrayList<List<String>>();
                        for (int i = 0; i < 15; i++) {
                            boolean startedAfterWrite = written.get();
                            var members = units();
                            if (startedAfterWrite && !members.contains(unit)) {
                                seen.add(members);
                            }
                        }
                        return seen;
                    }));
                }
                var elsewhere = pool.submit(() -> {
                    barrier.await();
                    for (int i = 0; i < 4; i++) {
                        cypher("MATCH (o:PartyOrganization {id: 'org-S' + $t}) SET o.name = '别处' + $t + '" + i + "'");
                    }
                    return null;
                });
                var writer = pool.submit(() -> {
                    barrier.await();
                    cypher("MATCH (a:Area {id: 'area-S' + $t}) CREATE (:Entity:Unit {id: '" + unit
                            + "', name: '竞速单位', kind: 'SOCIAL_ORGANIZATION'})-[:LOCATED_IN]->(a)");
                    written.set(true);
                    return null;
                });
                writer.get();
                elsewhere.get();
                var wrong = new ArrayList<List<String>>();
                for (var f : stale) {
                    wrong.addAll(f.get());
                }
                assertThat(wrong).as("members read after the tie was added").isEmpty();
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(units()).hasSize(7);
    }
}

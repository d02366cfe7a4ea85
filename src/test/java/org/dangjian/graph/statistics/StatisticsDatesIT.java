package org.dangjian.graph.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A scope's statistics on a date before its areas were formed: one answer, its own node, no tie; not
 * an internal error (the statement used to return no row when no tie around the scope was active).
 */
@IntegrationTest
class StatisticsDatesIT extends GraphFixture {

    @Test
    void aScopeBeforeItsAreasWereFormedHasItsNodeAndNoTie() {
        String city =
                (String) graph.row("MATCH (a:Area {kind: 'CITY'}) RETURN a.id AS id ORDER BY id LIMIT 1", Map.of())
                        .get("id");
        long active = (Long) graph.row("""
                        MATCH (:Area {id: $city})-[r]-()
                        WHERE r.since IS NULL OR r.since <= date('2010-01-01')
                        RETURN count(r) AS active
                        """, Map.of("city", city)).get("active");
        assertThat(active)
                .as("ties of the city active in 2010 (the sample's areas were formed in 2017–2018)")
                .isZero();
        var answer = api.document(
                        "query($s: ID) { statistics(scope: $s, asOf: \"2010-01-01\") { nodeTotal tieTotal ties { relType } } }")
                .variable("s", city)
                .execute();
        answer.errors().verify();
        assertThat(answer.path("statistics.nodeTotal").entity(Long.class).get()).isGreaterThanOrEqualTo(1);
        assertThat(answer.path("statistics.tieTotal").entity(Long.class).get()).isZero();
        // and the same scope today still counts its ties
        var today = api.document("query($s: ID) { statistics(scope: $s) { tieTotal } }")
                .variable("s", city)
                .execute();
        today.errors().verify();
        assertThat(today.path("statistics.tieTotal").entity(Long.class).get()).isPositive();
    }
}

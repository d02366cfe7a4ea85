package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Personal data at rest: a store written before sealing (or by hand over Bolt) is sealed at start,
 * every value is bound to its node and field, and a key rotation re-seals everything under the new
 * key, resuming where it stopped.
 */
@IntegrationTest
class SealingIT {

    @Autowired
    Driver driver;

    @Autowired
    Sealing sealing;

    @Autowired
    HttpGraphQlTester graphQl;

    String stored(String id, String key) {
        try (var session = driver.session()) {
            return session.run("MATCH (p:Person {id: $id}) RETURN p[$key] AS v", Map.of("id", id, "key", key))
                    .single()
                    .get("v")
                    .asString();
        }
    }

    void write(String cypher, Map<String, Object> parameters) {
        try (var session = driver.session()) {
            session.run(cypher, parameters).consume();
        }
    }

    String phoneAsEditor(String id) {
        return GraphApi.ok(
                GraphApi.as(graphQl, "editor"),
                "{ person(id: \"" + id + "\") { phone } }",
                "person.phone",
                String.class);
    }

    @Test
    void plainValuesOfAnOlderStoreAreSealedAtStart() {
        String id = "person-plain-" + System.nanoTime();
        write(
                "CREATE (:Entity:Person {id: $id, name: '旧库党员', phone: '13900001111', birthDate: date('1980-05-06')})",
                Map.of("id", id));
        new SealingMigration(driver, sealing).afterPropertiesSet();
        assertThat(stored(id, "phone")).startsWith(Seal.PREFIX).doesNotContain("13900001111");
        assertThat(stored(id, "birthDate")).startsWith(Seal.PREFIX);
        assertThat(phoneAsEditor(id)).isEqualTo("13900001111");
        assertThat(GraphApi.ok(
                        GraphApi.as(graphQl, "editor"),
                        "{ person(id: \"" + id + "\") { birthDate } }",
                        "person.birthDate",
                        String.class))
                .isEqualTo("1980-05-06");
    }

    @Test
    void aSealedValueMovedToAnotherPersonOrFieldDoesNotOpen() {
        var seal = sealing.seal();
        String value = seal.seal("Person", "phone", "person-a", "13900002222");
        assertThat(seal.open("Person", "phone", "person-a", value)).isEqualTo("13900002222");
        assertThatThrownBy(() -> seal.open("Person", "phone", "person-b", value))
                .hasMessageContaining("does not open");
        assertThatThrownBy(() -> seal.open("Person", "idNumber", "person-a", value))
                .hasMessageContaining("does not open");
        String tampered = value.substring(0, value.length() - 2) + (value.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> seal.open("Person", "phone", "person-a", tampered))
                .hasMessageContaining("does not open");
        // two seals of one value differ (random nonce): equal values cannot be spotted in the store
        assertThat(seal.seal("Person", "phone", "person-a", "13900002222")).isNotEqualTo(value);
    }

    @Test
    void aRotationResealsEverythingUnderTheNewKeyAndResumes() {
        String id = "person-rotate-" + System.nanoTime();
        write("CREATE (:Entity:Person {id: $id, name: '轮换党员'})", Map.of("id", id));
        var before = sealing.seal();
        write(
                "MATCH (p:Person {id: $id}) SET p.phone = $phone",
                Map.of("id", id, "phone", before.seal("Person", "phone", id, "13900003333")));
        var command = new KeyRotationCommand(driver, sealing, null);

        String first = command.rotate();
        var after = sealing.seal();
        assertThat(first).contains("new primary key");
        assertThat(after.primaryPrefix()).isNotEqualTo(before.primaryPrefix());
        assertThat(new Resealer(driver, after).count(after.primaryPrefix())).isZero();
        assertThat(stored(id, "phone")).startsWith(after.primaryPrefix());
        assertThat(phoneAsEditor(id)).isEqualTo("13900003333");

        // a run stopped half-way left a value under the old key: the next run finishes it, adding no key
        write(
                "MATCH (p:Person {id: $id}) SET p.phone = $phone",
                Map.of("id", id, "phone", before.seal("Person", "phone", id, "13900003333")));
        String second = command.rotate();
        assertThat(second).contains("resumed: 1 nodes");
        assertThat(sealing.seal().primaryPrefix()).isEqualTo(after.primaryPrefix());
        assertThat(stored(id, "phone")).startsWith(after.primaryPrefix());
        assertThat(phoneAsEditor(id)).isEqualTo("13900003333");
    }
}

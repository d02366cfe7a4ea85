package org.dangjian.graph.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.dangjian.graph.model.TieType;
import org.junit.jupiter.api.Test;

class SampleGeneratorTests {

    /** A sink that digests everything generated, in order. */
    static final class DigestSink implements GraphSink {
        final MessageDigest digest;

        DigestSink() throws Exception {
            digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void node(String label, Map<String, Object> properties) {
            digest.update((label + properties).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void tie(TieType type, String fromId, String toId, Map<String, Object> properties) {
            digest.update((type.kind() + fromId + toId + properties).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    static String digest(long seed) throws Exception {
        var sink = new DigestSink();
        new SampleGenerator(seed, SampleGenerator.Scale.SAMPLE, sink).generate();
        return sink.hex();
    }

    @Test
    void theSameSeedGivesTheSameGraphIdsIncluded() throws Exception {
        assertThat(digest(2020)).isEqualTo(digest(2020));
        assertThat(digest(2020)).isNotEqualTo(digest(7));
    }

    @Test
    void theSampleHasTheScaleOfDomainMd() {
        var counter = new CountingSink();
        new SampleGenerator(2020, SampleGenerator.Scale.SAMPLE, counter).generate();
        int orgsAndUnits = counter.nodes.get("PartyOrganization") + counter.nodes.get("Unit");
        assertThat(orgsAndUnits).isBetween(500, 5_000);
        assertThat(counter.nodes.get("Person")).isBetween(5_000, 50_000);
    }

    @Test
    void largerScalesRepeatTheShapePerCity() {
        var sample = new CountingSink();
        new SampleGenerator(2020, SampleGenerator.Scale.SAMPLE, sample).generate();
        var city = new CountingSink();
        new SampleGenerator(2020, SampleGenerator.Scale.CITY, city).generate();
        assertThat(city.nodes.get("Grid")).isEqualTo(10 * sample.nodes.get("Grid"));
        assertThat((double) city.rows / sample.rows).isBetween(9.0, 11.0);
    }
}

package org.dangjian.graph.security;

import java.nio.file.Path;
import java.util.Map;
import org.dangjian.graph.model.GraphModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The service's {@link Seal}, from {@code party-graph.personal-data.keyset} (inline JSON) or {@code
 * party-graph.personal-data.keyset-file}; generated into that file on first start when {@code
 * party-graph.personal-data.generate-keyset} is on (demo profile, tests). Without a key the service
 * still starts on a graph without personal data, and refuses every write of a personal value.
 */
@Component
public class Sealing {

    private static final Logger log = LoggerFactory.getLogger(Sealing.class);

    private final Path file;
    private final boolean inline;
    private volatile Seal seal;

    Sealing(
            @Value("${party-graph.personal-data.keyset-file:data/keys/personal-data.json}") Path file,
            @Value("${party-graph.personal-data.keyset:}") String inline,
            @Value("${party-graph.personal-data.generate-keyset:false}") boolean generate) {
        this.file = file;
        this.inline = inline != null && !inline.isBlank();
        String json = SealKeys.load(file, inline, generate, log::warn);
        this.seal = json == null ? null : Seal.fromJson(json);
    }

    /** Whether a key is configured. */
    public boolean available() {
        return seal != null;
    }

    /** The seal; a write of personal data without a key is refused. */
    public Seal seal() {
        Seal s = seal;
        if (s == null) {
            throw Seal.noKey();
        }
        return s;
    }

    /** Where the keyset file is (the rotation command rewrites it); refused for an inline keyset. */
    public Path file() {
        if (inline) {
            throw new IllegalStateException("The keyset is given inline (party-graph.personal-data.keyset):"
                    + " rotate it where it is kept, or move it to party-graph.personal-data.keyset-file");
        }
        return file;
    }

    /** Replaces the seal after a rotation wrote a new keyset. */
    void replace(Seal rotated) {
        this.seal = rotated;
    }

    /** A node's properties with the personal ones sealed; unchanged when it has none. */
    public Map<String, Object> sealPersonal(String label, String id, Map<String, Object> properties) {
        boolean any = GraphModel.findNodeType(label)
                .map(t -> t.properties().stream().anyMatch(p -> p.personal() && properties.get(p.name()) != null))
                .orElse(false);
        return any ? seal().sealPersonal(label, id, properties) : properties;
    }
}

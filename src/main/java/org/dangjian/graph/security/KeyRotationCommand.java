package org.dangjian.graph.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.neo4j.driver.Driver;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The key-rotation command, {@code --party-graph.personal-data.rotate=true}: adds a new primary key
 * to the keyset file (the old keys stay, so every value still opens), then seals every personal value
 * again under it, a batch per transaction, and exits. Stopped half-way, the same command resumes:
 * while values under older keys remain, it finishes those instead of adding yet another key.
 */
@Component
@Order(-10)
@ConditionalOnProperty("party-graph.personal-data.rotate")
class KeyRotationCommand implements ApplicationRunner {

    private final Driver driver;
    private final Sealing sealing;
    private final ConfigurableApplicationContext context;

    KeyRotationCommand(Driver driver, Sealing sealing, ConfigurableApplicationContext context) {
        this.driver = driver;
        this.sealing = sealing;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        System.out.println(rotate());
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    /** Rotates (or resumes a rotation); returns one line of what it did. */
    String rotate() {
        Seal current = sealing.seal();
        long behind = new Resealer(driver, current).count(current.primaryPrefix());
        String started;
        if (behind == 0) {
            String json = current.rotatedJson();
            try {
                SealKeys.write(sealing.file(), json);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the rotated keyset to " + sealing.file(), e);
            }
            current = Seal.fromJson(json);
            sealing.replace(current);
            started = "new primary key " + current.primaryPrefix() + " written to " + sealing.file();
        } else {
            started = "resumed: " + behind + " nodes still sealed under an older key";
        }
        long t0 = System.nanoTime();
        long changed = new Resealer(driver, current)
                .reseal(current.primaryPrefix(), n -> System.err.print("\rre-sealed " + n + " nodes"));
        System.err.println();
        return String.format(
                "key rotation: %s; %d nodes re-sealed in %.1f s; every personal value is now under %s",
                started, changed, (System.nanoTime() - t0) / 1e9, current.primaryPrefix());
    }
}

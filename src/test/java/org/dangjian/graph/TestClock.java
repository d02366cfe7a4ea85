package org.dangjian.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The system clock moved by an offset a test sets, and sets back: the service's {@code Today} reads it,
 * so a test can carry the service across midnight. Every integration test shares it; a test that moves
 * it puts it back with {@link #reset} in a {@code finally}.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    private TestClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    /** Moves the clock on by this much (from where it stands). */
    public void move(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    /** Back to the system's time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new TestClock(offset, zone);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Registers the clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        TestClock testClock() {
            return new TestClock(new AtomicReference<>(Duration.ZERO), ZoneId.systemDefault());
        }
    }
}

package org.dangjian.graph.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/**
 * A stop always ends: the driver is closed with a bounded wait. The drivers here stand for the one
 * case the real driver cannot be made to show on demand, a close whose future never completes; every
 * other test closes the real driver of the embedded database when its context closes.
 */
class DriverCloserTests {

    /** A driver whose {@code closeAsync} returns this future and counts its calls; nothing else is called. */
    private static Driver closingWith(CompletableFuture<Void> future, AtomicInteger calls) {
        return (Driver) Proxy.newProxyInstance(
                Driver.class.getClassLoader(), new Class<?>[] {Driver.class}, (proxy, method, args) -> {
                    if (method.getName().equals("closeAsync")) {
                        calls.incrementAndGet();
                        return future;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aCloseThatNeverEndsIsGivenUpAfterTheTimeout() {
        var calls = new AtomicInteger();
        var closer = new DriverCloser(Duration.ofMillis(200));
        closer.closing(closingWith(new CompletableFuture<>(), calls));
        long started = System.nanoTime();
        closer.destroy();
        long took = System.nanoTime() - started;
        assertThat(calls).hasValue(1);
        assertThat(Duration.ofNanos(took)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    @Test
    void aCloseThatEndsIsWaitedFor() {
        var calls = new AtomicInteger();
        var future = new CompletableFuture<Void>();
        var closing = closingWith(future, calls);
        new Thread(() -> {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    future.complete(null);
                })
                .start();
        assertThat(DriverCloser.closeWithin(closing, Duration.ofSeconds(10))).isTrue();
        assertThat(future).isCompleted();
        assertThat(DriverCloser.closeWithin(
                        closingWith(CompletableFuture.failedFuture(new IllegalStateException("gone")), calls),
                        Duration.ofSeconds(1)))
                .isFalse();
        assertThat(calls).hasValue(2);
    }
}

package org.dangjian.graph.database;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Closes the embedded database's driver when the context closes, waiting for it at most {@code
 * party-graph.neo4j.embedded.driver-close-timeout} (10 s), so that a stop always ends. Twice (session
 * 31, never reproduced since) a {@code SIGTERM} left the process up for good: the driver's {@code
 * close()} waited on a future its event loops, already gone, never completed, and the database behind
 * it was never shut down. Destroyed after the driver and every bean that uses it, before the database
 * ({@link EmbeddedNeo4jConfiguration}): the order the driver's own {@code close} had.
 */
public final class DriverCloser implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DriverCloser.class);

    private final Duration within;
    private volatile Driver driver;

    public DriverCloser(Duration within) {
        this.within = within;
    }

    /** The driver to close; returned as it is. */
    public Driver closing(Driver driver) {
        this.driver = driver;
        return driver;
    }

    @Override
    public void destroy() {
        Driver d = driver;
        if (d != null) {
            closeWithin(d, within);
        }
    }

    /** Closes a driver, waiting at most {@code within}; whether it said it had closed in that time. */
    public static boolean closeWithin(Driver driver, Duration within) {
        try {
            driver.closeAsync().toCompletableFuture().get(within.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            log.warn("The Neo4j driver did not close within {}; going on with the shutdown", within);
            return false;
        } catch (ExecutionException e) {
            log.warn("The Neo4j driver failed to close: {}", e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

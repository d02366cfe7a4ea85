package org.dangjian.graph.database;

import org.neo4j.driver.Config;
import org.neo4j.driver.Logging;
import org.springframework.boot.neo4j.autoconfigure.ConfigBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The driver logs through SLF4J, so {@code logging.level.org.neo4j} governs it. Its default (the
 * platform's {@code System.Logger}, driver 6.1) formats every Bolt message it sends at debug level,
 * parameters included, before the level is consulted: each request paid for a string of all its
 * parameters (a 5,000-row batch of the sample's load too), and a member's sealed values passed through
 * a log formatter. SLF4J's logger asks the level first.
 */
@Configuration(proxyBeanMethods = false)
public class DriverLogging {

    /** Applied to the driver built for an embedded database and to the one Spring Boot builds for a server. */
    public static Config.ConfigBuilder apply(Config.ConfigBuilder builder) {
        return builder.withLogging(Logging.slf4j());
    }

    @Bean
    ConfigBuilderCustomizer slf4jDriverLogging() {
        return DriverLogging::apply;
    }
}

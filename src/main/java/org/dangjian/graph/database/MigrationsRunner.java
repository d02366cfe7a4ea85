package org.dangjian.graph.database;

import org.neo4j.driver.Driver;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Applies {@link CypherMigrations} when the service starts, before anything reads the graph. */
@Component
class MigrationsRunner implements InitializingBean {

    private final Driver driver;
    private final String location;

    MigrationsRunner(
            Driver driver, @Value("${party-graph.migrations.location:classpath:cypher/migrations}") String location) {
        this.driver = driver;
        this.location = location;
    }

    @Override
    public void afterPropertiesSet() {
        new CypherMigrations(driver, location).apply();
    }
}

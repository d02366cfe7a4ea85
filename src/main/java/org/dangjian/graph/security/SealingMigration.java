package org.dangjian.graph.security;

import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * At start-up, after the schema migrations and before anything is served: every personal value of
 * the store is sealed (a store from before sealing existed, or a value written by hand over Bolt).
 * With personal data in the store and no key, the service refuses to start and says what to set.
 */
@Component
@DependsOn("migrationsRunner")
class SealingMigration implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SealingMigration.class);

    private final Driver driver;
    private final Sealing sealing;

    SealingMigration(Driver driver, Sealing sealing) {
        this.driver = driver;
        this.sealing = sealing;
    }

    @Override
    public void afterPropertiesSet() {
        if (!sealing.available()) {
            long personal = new Resealer(driver, null).countAny();
            if (personal > 0) {
                throw new StartRefusal(
                        "The database holds personal data of " + personal
                                + " nodes, and no personal-data key is configured.",
                        "Give the keyset that sealed it: party-graph.personal-data.keyset-file (a Tink JSON keyset"
                                + " readable by the service's user only) or party-graph.personal-data.keyset"
                                + " (PARTY_GRAPH_PERSONAL_DATA_KEYSET). A new store may have one generated with"
                                + " party-graph.personal-data.generate-keyset=true.");
            }
            log.warn("No personal-data key is configured: writes of personal data will be refused");
            return;
        }
        var resealer = new Resealer(driver, sealing.seal());
        long plain = resealer.count(Seal.PREFIX);
        if (plain > 0) {
            long sealed = resealer.reseal(Seal.PREFIX, n -> {});
            log.info("Sealed the personal data of {} nodes stored unsealed", sealed);
        }
    }
}

package org.dangjian.graph.imports;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When the service starts, takes up the imports whose commit a crash interrupted: a batched commit
 * goes on from the last batch its journal records; an atomic one, which wrote nothing, starts again.
 * Either way the job says {@code resumed}.
 */
@Component
@Order(100)
class ImportRecovery implements ApplicationRunner {

    private final ImportService imports;

    ImportRecovery(ImportService imports) {
        this.imports = imports;
    }

    @Override
    public void run(ApplicationArguments args) {
        imports.resumeInterrupted();
    }
}

package org.dangjian.graph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The packages' rules, checked on the compiled classes. */
class ArchitectureTests {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dangjian.graph");

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("org.dangjian.graph.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** The foundations (model, database, API plumbing, paging, named queries, time) use no feature. */
    @Test
    void theFoundationsStandOnNoFeature() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.dangjian.graph.model..",
                        "org.dangjian.graph.database..",
                        "org.dangjian.graph.api..",
                        "org.dangjian.graph.paging..",
                        "org.dangjian.graph.queries..",
                        "org.dangjian.graph.time..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.dangjian.graph.audit..",
                        "org.dangjian.graph.security..",
                        "org.dangjian.graph.entity..",
                        "org.dangjian.graph.coverage..",
                        "org.dangjian.graph.cobuilding..",
                        "org.dangjian.graph.weakness..",
                        "org.dangjian.graph.statistics..",
                        "org.dangjian.graph.console..",
                        "org.dangjian.graph.sample..",
                        "org.dangjian.graph.imports..",
                        "org.dangjian.graph.exports..",
                        "org.dangjian.graph.bench..")
                .check(CLASSES);
    }

    @Test
    void noFeatureReachesIntoAnother() {
        String[] features = {"coverage", "cobuilding", "weakness", "statistics", "console", "imports", "exports"};
        for (String feature : features) {
            noClasses()
                    .that()
                    .resideInAPackage("org.dangjian.graph." + feature + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(java.util.Arrays.stream(features)
                            .filter(f -> !f.equals(feature))
                            .map(f -> "org.dangjian.graph." + f + "..")
                            .toArray(String[]::new))
                    .check(CLASSES);
        }
    }
}

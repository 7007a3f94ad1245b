package io.switchboard.router;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The router's layers, checked on its compiled classes: {@code api} (HTTP) over {@code exchange} (a request's life
 * from its plan to its usage event) over {@code routing} (plain data and planning) and the codecs, with no package
 * cycle anywhere, so that each layer can be read and changed without the ones above it.
 */
class LayeringTest {

    private static final JavaClasses ROUTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard.router");

    @Test
    void noPackageCycles() {
        slices().matching("io.switchboard.router.(**)").should().beFreeOfCycles().check(ROUTER);
    }

    @Test
    void routingIsPlainDataAndPlanning() {
        noClasses().that().resideInAPackage("io.switchboard.router.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.router.api..",
                        "io.switchboard.router.exchange..", "io.switchboard.router.adapters..",
                        "io.switchboard.router.provider..", "io.switchboard.router.translate..",
                        "io.switchboard.router.health..", "io.switchboard.router.usage..",
                        "io.switchboard.router.outbox..", "io.switchboard.router.capture..",
                        "io.switchboard.router.metrics..")
                .check(ROUTER);
    }

    @Test
    void theExchangeKnowsNoEndpoint() {
        noClasses().that().resideInAPackage("io.switchboard.router.exchange..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.router.api..")
                .check(ROUTER);
    }

    @Test
    void codecsNeverImportTheRuntime() {
        noClasses().that().resideInAnyPackage("io.switchboard.router.translate..", "io.switchboard.router.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.router.api..",
                        "io.switchboard.router.exchange..", "io.switchboard.router.adapters..")
                .check(ROUTER);
    }
}

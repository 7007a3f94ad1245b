package io.switchboard.breaker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The breaker's packages, checked on its compiled classes: {@code confirm} (the answer endpoint, the notifier, the
 * questions branch) over {@code session} (following sessions and asking), both composed by {@code topology}, with no
 * package cycle.
 */
class LayeringTest {

    private static final JavaClasses BREAKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard.breaker");

    @Test
    void noPackageCycles() {
        slices().matching("io.switchboard.breaker.(**)").should().beFreeOfCycles().check(BREAKER);
    }

    @Test
    void sessionsKnowNeitherTheEndpointNorTheRoot() {
        noClasses().that().resideInAPackage("io.switchboard.breaker.session..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.breaker.confirm..",
                        "io.switchboard.breaker.topology..")
                .check(BREAKER);
    }

    @Test
    void onlyTheRootComposesTheBranches() {
        noClasses().that().resideOutsideOfPackage("io.switchboard.breaker.topology..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.breaker.topology..")
                .check(BREAKER);
    }
}

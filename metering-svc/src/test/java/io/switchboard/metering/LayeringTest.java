package io.switchboard.metering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Metering's packages, checked on its compiled classes: no package cycle; the spend and budget branches of the
 * topology know neither each other nor the root that composes them ({@code topology}); nothing reaches up into
 * the API.
 */
class LayeringTest {

    private static final JavaClasses METERING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard.metering");

    @Test
    void noPackageCycles() {
        slices().matching("io.switchboard.metering.(**)").should().beFreeOfCycles().check(METERING);
    }

    @Test
    void theBranchesKnowNeitherEachOtherNorTheRoot() {
        noClasses().that().resideInAPackage("io.switchboard.metering.aggregate..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.metering.budget..",
                        "io.switchboard.metering.topology..")
                .check(METERING);
        noClasses().that().resideInAPackage("io.switchboard.metering.budget..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.metering.aggregate..",
                        "io.switchboard.metering.topology..")
                .check(METERING);
    }

    @Test
    void nothingReachesUpIntoTheApi() {
        noClasses().that().resideOutsideOfPackage("io.switchboard.metering.api..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.metering.api..")
                .check(METERING);
    }
}

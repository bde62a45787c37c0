package io.qiyue.approval;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Flowable is the approval module's business: no other class of the application may touch it (issue #12). */
class FlowableConfinementTest {
    @Test
    void onlyTheApprovalModuleDependsOnFlowable() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.qiyue");
        noClasses().that().resideOutsideOfPackage("io.qiyue.approval..")
                .should().dependOnClassesThat().resideInAPackage("org.flowable..")
                .because("admins edit simple steps and nothing outside the approval module sees Flowable")
                .check(classes);
    }

    @Test
    void theApprovalModulesPublicApiDoesNotExposeFlowable() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.qiyue.approval");
        noClasses().that().resideInAPackage("io.qiyue.approval..").and().arePublic()
                .should().dependOnClassesThat().resideInAPackage("org.flowable..")
                .because("the engine is an internal of the module: its public types speak of flows and tasks")
                .check(classes);
    }
}

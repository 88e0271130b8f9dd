package com.recoverydesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

/** The layering rules of CONVENTIONS.md, checked on the compiled classes. */
class LayeringTest {

    private static final String BASE = "com.recoverydesk";
    private static final String[] BUSINESS = {
            BASE + ".intake..", BASE + ".evidence..", BASE + ".review..", BASE + ".reset..", BASE + ".audit..",
            BASE + ".sla..", BASE + ".identity..", BASE + ".notify..", BASE + ".process..", BASE + ".web..",
            BASE + ".cases..", BASE + ".accounts..", BASE + ".requester..", BASE + ".admin..",
            BASE + ".workers..", BASE + ".keys..", BASE + ".compliance.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void engineKnowsNothingOfTheBusiness() {
        noClasses().that().resideInAPackage(BASE + ".engine..")
                .should().dependOnClassesThat().resideInAnyPackage(BUSINESS)
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void businessReachesTheEngineOnlyThroughTheCamundaClient() {
        noClasses().that().resideInAnyPackage(BUSINESS).and().resideOutsideOfPackage(BASE + ".process..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".engine..")
                .check(CLASSES);
    }

    @Test
    void onlyTheProcessPackageTheWorkersAndTheEngineUseTheCamundaClient() {
        noClasses().that().resideOutsideOfPackages(BASE + ".process..", BASE + ".workers..", BASE + ".engine..")
                .should().dependOnClassesThat().resideInAPackage("io.camunda..")
                .check(CLASSES);
    }

    @Test
    void entitiesDoNotKnowHttpScreensOrTheEngine() {
        noClasses().that().areAnnotatedWith(Entity.class)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.quarkus.qute..", "io.camunda..", "io.vertx..")
                .check(CLASSES);
    }

    @Test
    void resourcesPagesAndWorkersLeavePersistenceToServices() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .or().haveSimpleNameEndingWith("Pages")
                .or().haveSimpleNameEndingWith("Worker")
                .should().dependOnClassesThat().areAssignableTo(PanacheEntityBase.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("io.quarkus.hibernate.orm.panache..", "jakarta.persistence..")
                .check(CLASSES);
    }

    @Test
    void templatesReceiveViewsNotEntities() {
        classes().that().areNotAnnotatedWith(Entity.class)
                .and(com.tngtech.archunit.base.DescribedPredicate.describe("are views, requests or responses",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getSimpleName().endsWith("View")
                                || c.getSimpleName().endsWith("Response") || c.getSimpleName().endsWith("Request")))
                .should().beRecords()
                .check(CLASSES);
    }

    /** The engine's port is the adapter the business and the orchestrator use; it knows neither of them. */
    @Test
    void theProcessPortKnowsNothingOfTheBusinessOrTheWorkers() {
        noClasses().that().resideInAPackage(BASE + ".process..")
                .should().dependOnClassesThat().resideInAnyPackage(java.util.Arrays.stream(BUSINESS)
                        .filter(p -> !p.equals(BASE + ".process..")).toArray(String[]::new))
                .check(CLASSES);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles()
                .check(CLASSES);
    }
}

package com.recoverydesk.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine knows nothing of recovery: it may be lifted out, or replaced by a Zeebe cluster, unchanged. */
class EngineIndependenceTest {

    private final JavaClasses engineClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.recoverydesk.engine");

    @Test
    void shouldNotDependOnAnyOtherApplicationPackage() {
        noClasses().that().resideInAPackage("com.recoverydesk.engine..")
                .should().dependOnClassesThat(resideInAPackage("com.recoverydesk..").and(resideOutsideOfPackage("com.recoverydesk.engine..")))
                .check(engineClasses);
    }

    @Test
    void shouldNotUseCdiOrHibernate() {
        noClasses().that().resideInAPackage("com.recoverydesk.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.enterprise..", "jakarta.inject..", "jakarta.persistence..",
                        "org.hibernate..", "io.quarkus..")
                .check(engineClasses);
    }
}

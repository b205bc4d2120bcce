package io.tixing.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;


import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of docs/ARCHITECTURE.md ("Package rules"), checked on the compiled main classes. Replaces the
 * former PlainJavaTest (policy imports no framework types), which these rules include.
 */
class PackageRulesTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.tixing");

    /** Frameworks and the JDBC API: none of them belongs in the decision core. */
    static final String[] FRAMEWORKS = {"jakarta..", "javax..", "io.quarkus..", "io.smallrye..", "io.vertx..", "com.fasterxml..",
            "org.jboss..", "java.sql.."};

    @Test
    void io_tixing_packages_have_no_dependency_cycles() {
        slices().matching("io.tixing.(*)..").namingSlices("$1").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void policy_depends_on_no_other_tixing_package_but_text() {
        noClasses().that().resideInAPackage("io.tixing.policy..")
                .should().dependOnClassesThat(resideInAPackage("io.tixing..")
                        .and(DescribedPredicate.not(resideInAnyPackage("io.tixing.policy..", "io.tixing.text.."))))
                .because("the policy is plain Java: facts and a Clock in, a decision out")
                .check(MAIN);
    }

    @Test
    void policy_depends_on_no_framework_and_no_sql() {
        ArchRule rule = noClasses().that().resideInAPackage("io.tixing.policy..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("the policy is unit-testable without Quarkus and portable");
        rule.check(MAIN);
    }

    @Test
    void only_task_repository_writes_dispatch_task() {
        classes().that().doNotHaveFullyQualifiedName("io.tixing.dispatch.TaskRepository")
                .should(SqlWrites.notWrite("dispatch_task"))
                .because("TaskRepository is the one writer of the outbox").check(MAIN);
    }

    @Test
    void only_attempt_repository_writes_attempt() {
        classes().that().doNotHaveFullyQualifiedName("io.tixing.dispatch.AttemptRepository")
                .should(SqlWrites.notWrite("attempt"))
                .because("the dispatch attempt repository is the one writer of attempts").check(MAIN);
    }

    @Test
    void the_rules_see_the_classes_they_guard_and_the_write_check_is_not_blind() {
        // A rule over an empty import, or a write check that finds no SQL at all, would pass whatever the code does.
        assertThat(MAIN.contain("io.tixing.dispatch.TaskRepository")).isTrue();
        assertThat(MAIN.contain("io.tixing.dispatch.AttemptRepository")).isTrue();
        assertThat(MAIN.that(resideInAPackage("io.tixing.policy..")).size()).isGreaterThan(20);
        classes().that().haveFullyQualifiedName("io.tixing.dispatch.TaskRepository").should(SqlWrites.write("dispatch_task")).check(MAIN);
        classes().that().haveFullyQualifiedName("io.tixing.dispatch.AttemptRepository").should(SqlWrites.write("attempt")).check(MAIN);
    }
}

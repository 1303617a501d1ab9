package dev.lpm.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of docs/ARCHITECTURE.md, checked on the compiled main classes. */
class LayeringTest {

    /** Only {@code ROOT.ui} may use JavaFX, so the daemon and the CLI run without a display. */
    static ArchRule onlyUiUsesJavaFx(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("only the ui package may use JavaFX, so the daemon and CLI run without a display");
    }

    /** {@code ROOT.core} holds the domain's values: no other lpm package, no I/O, no libraries. */
    static ArchRule coreIsSelfContained(String root) {
        String core = root + ".core..";
        return noClasses().that().resideInAPackage(core)
                .should().dependOnClassesThat(resideInAPackage("dev.lpm..").and(not(resideInAPackage(core))))
                .orShould().dependOnClassesThat(resideInAnyPackage("java.io..", "java.net..", "java.nio.channels..",
                        "com.fasterxml..", "org.slf4j..", "javafx..", "picocli..", "io.netty..", "oshi..",
                        "com.github.dockerjava.."))
                .orShould().dependOnClassesThat(belongToAnyOf(Files.class, ProcessBuilder.class, Process.class,
                        ProcessHandle.class))
                .because("core holds the domain's values: no other lpm package, no I/O, no libraries");
    }

    static JavaClasses mainClasses;

    @BeforeAll
    static void importClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lpm");
    }

    @Test
    void nothingOutsideUiImportsJavaFx() {
        assertThat(mainClasses).isNotEmpty();
        onlyUiUsesJavaFx("dev.lpm").check(mainClasses);
    }

    @Test
    void coreDependsOnNoOtherLpmPackageAndDoesNoIo() {
        assertThat(mainClasses.stream().filter(c -> c.getPackageName().equals("dev.lpm.core"))).isNotEmpty();
        coreIsSelfContained("dev.lpm").check(mainClasses);
    }

    /** The rules must be able to fail: they catch the violations planted in the fixture package. */
    @Test
    void rulesCatchPlantedViolations() {
        String root = "dev.lpm.architecture.fixture";
        JavaClasses fixtures = new ClassFileImporter().importPackages(root);
        EvaluationResult javafx = onlyUiUsesJavaFx(root).evaluate(fixtures);
        EvaluationResult core = coreIsSelfContained(root).evaluate(fixtures);
        assertThat(javafx.getFailureReport().getDetails()).anyMatch(d -> d.contains("FxInService"))
                .noneMatch(d -> d.contains("FxInUi"));
        assertThat(core.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("CoreDoingIo"))
                .anyMatch(d -> d.contains("CoreUsingEvents"))
                .noneMatch(d -> d.contains("CleanCore"));
    }
}

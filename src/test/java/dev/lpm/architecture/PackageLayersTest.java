package dev.lpm.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/ARCHITECTURE.md: app wires everything; the CLI and the UI are entry points (the
 * UI reaches the instance only through its backend interface, which app implements, never the service
 * layer itself); control serves the CLI; service keeps registry and supervisor in step; the parts
 * (process, registry, proxy, docker, audit, vpn, policy, enforce, ...) serve those; events, storage and core are
 * the base every layer may use.
 */
class PackageLayersTest {

    static ArchRule layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("App").definedBy(root + ".app..")
                .layer("Cli").definedBy(root + ".cli..")
                .layer("Ui").definedBy(root + ".ui..")
                .layer("Control").definedBy(root + ".control..")
                .layer("Service").definedBy(root + ".service..")
                .layer("Parts").definedBy(root + ".process..", root + ".registry..", root + ".proxy..",
                        root + ".docker..", root + ".audit..", root + ".vpn..", root + ".policy..",
                        root + ".platform..", root + ".config..", root + ".ports..", root + ".net..", root + ".api..",
                        root + ".enforce..", root + ".project..", root + ".run..", root + ".tls..", root + ".trust..")
                .layer("Base").definedBy(root + ".events..", root + ".storage..", root + ".core..")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("App")
                .whereLayer("Ui").mayOnlyBeAccessedByLayers("App")
                .whereLayer("Control").mayOnlyBeAccessedByLayers("App", "Cli")
                .whereLayer("Service").mayOnlyBeAccessedByLayers("App", "Control")
                .whereLayer("Parts").mayOnlyBeAccessedByLayers("App", "Cli", "Ui", "Control", "Service")
                .because("docs/ARCHITECTURE.md: dependencies point from the entry points to the base");
    }

    @Test
    void packagesKeepTheirLayers() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lpm");
        assertThat(main).isNotEmpty();
        assertThat(main.stream().filter(c -> c.getPackageName().startsWith("dev.lpm.enforce"))).as("enforce is a part")
                .isNotEmpty();
        layers("dev.lpm").check(main);
    }

    @Test
    void theRuleCatchesAUiThatReachesIntoTheServiceLayer() {
        String root = "dev.lpm.architecture.fixture";
        EvaluationResult result = layers(root).evaluate(new ClassFileImporter().importPackages(root));
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("UiReachingIntoTheService"))
                .noneMatch(d -> d.contains("UiUsingCore"));
    }
}

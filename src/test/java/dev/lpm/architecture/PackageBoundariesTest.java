package dev.lpm.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package boundaries of docs/ARCHITECTURE.md for the libraries and the Docker side, checked on the
 * compiled main classes; each rule also catches a violation planted in the fixture package.
 */
class PackageBoundariesTest {

    /**
     * No top-level package (with its sub-packages) depends, directly or through others, on one that depends
     * on it; nor do the docker sub-packages among themselves. (Some other packages' sub-packages still
     * have cycles with their parent, e.g. ui and ui.dialogs.)
     */
    static ArchRule packagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .because("a cycle makes two packages one, and neither can be understood or changed alone");
    }

    static ArchRule dockerPackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".docker.(*)..").should().beFreeOfCycles()
                .because("docker.command is the pure base; the engine, the kill switch and the API guard build on it");
    }

    /** Netty is the proxy's, the Docker API guard's, the shared byte relay's and the control API's HTTP codec's. */
    static ArchRule nettyOnlyInTheNetworkServers(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".proxy..", root + ".docker.apiguard..", root + ".net..",
                        root + ".control..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .because("only the proxy, the Docker API guard, net's byte relay and the control API speak HTTP with Netty");
    }

    /** dbus-java is the tray's (StatusNotifierItem) and the notifications' (org.freedesktop.Notifications). */
    static ArchRule dbusJavaOnlyInTrayAndNotify(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".ui.tray..", root + ".ui.notify..")
                .should().dependOnClassesThat().resideInAPackage("org.freedesktop.dbus..")
                .because("only the desktop's tray and notifications speak D-Bus (docs/ARCHITECTURE.md)");
    }

    /** docker-java stays behind the engine client, so the rest sees lpm's container model only. */
    static ArchRule dockerJavaOnlyInTheEngine(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".docker.engine..")
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .because("the engine package is the one Docker client; the others use its model");
    }

    /** The policy decides from the command text alone: not from the guard, the engine or the kill switch. */
    static ArchRule policyUsesOnlyTheCommandParser(String root) {
        return noClasses().that().resideInAPackage(root + ".policy..")
                .should().dependOnClassesThat(resideInAPackage(root + ".docker..")
                        .and(not(resideInAPackage(root + ".docker.command.."))))
                .because("the policy is pure: it depends on docker.command, which does no I/O");
    }

    /** The command parser is pure: core values only, no I/O, no libraries (the UI runs it on every keystroke). */
    static ArchRule commandParserIsPure(String root) {
        return noClasses().that().resideInAPackage(root + ".docker.command..")
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(not(resideInAnyPackage(root + ".docker.command..", root + ".core.."))))
                .orShould().dependOnClassesThat(resideInAnyPackage("java.io..", "java.net..", "java.nio.channels..",
                        "com.fasterxml..", "org.slf4j..", "io.netty..", "com.github.dockerjava.."))
                .orShould().dependOnClassesThat(belongToAnyOf(Files.class, ProcessBuilder.class, Process.class))
                .because("docker.command only parses and rewrites text");
    }

    /** An instance has one engine client: only the factory (and the CLI's one-shot commands) open one. */
    static ArchRule engineClientsOpenedOnlyByTheFactory(String root) {
        String gateway = root + ".docker.engine.DockerGateway";
        Set<String> opens = Set.of("open", "fromEnvironment", "connect");
        return noClasses().that().resideOutsideOfPackage(root + ".cli..")
                .and().doNotHaveFullyQualifiedName(root + ".docker.engine.EngineClientFactory")
                .should().accessTargetWhere(DescribedPredicate.describe("DockerGateway.open/fromEnvironment/connect",
                        (JavaAccess<?> access) -> access.getTargetOwner().getFullName().equals(gateway)
                                && opens.contains(access.getName())))
                .because("the instance opens its one engine client through EngineClientFactory and shares it");
    }

    /**
     * The root helper (enforce.helper) and its rule engine and client (enforce) stand alone: the JDK and Jackson,
     * nothing else of lpm and no other library, so the one part that runs as root stays small enough to read
     * and loads nothing of the instance.
     */
    static ArchRule enforceStandsAlone(String root) {
        return classes().that().resideInAPackage(root + ".enforce..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".enforce..", "java..", "jdk.net..",
                        "com.fasterxml.jackson..")
                .because("lpm helper runs as root: it uses the JDK, Jackson and its own package, nothing of the instance");
    }

    /** The rule engine starts processes in one place, which takes an argument list and no shell. */
    static ArchRule enforceStartsProcessesOnlyThroughItsRunner(String root) {
        return noClasses().that().resideInAPackage(root + ".enforce..")
                .and().doNotHaveFullyQualifiedName(root + ".enforce.ProcessCommandRunner")
                .should().dependOnClassesThat(belongToAnyOf(ProcessBuilder.class, Process.class))
                .orShould().accessTargetWhere(DescribedPredicate.describe("Runtime.exec",
                        (JavaAccess<?> access) -> access.getTargetOwner().isEquivalentTo(Runtime.class)
                                && access.getName().equals("exec")))
                .because("every command of the root helper goes through ProcessCommandRunner, where tests record it");
    }

    static List<ArchRule> rules(String root) {
        return List.of(packagesAreFreeOfCycles(root), dockerPackagesAreFreeOfCycles(root), nettyOnlyInTheNetworkServers(root), dockerJavaOnlyInTheEngine(root),
                dbusJavaOnlyInTrayAndNotify(root),
                policyUsesOnlyTheCommandParser(root), commandParserIsPure(root), engineClientsOpenedOnlyByTheFactory(root),
                enforceStandsAlone(root), enforceStartsProcessesOnlyThroughItsRunner(root));
    }

    static JavaClasses mainClasses;

    @BeforeAll
    static void importClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lpm");
    }

    @Test
    void mainClassesKeepEveryBoundary() {
        assertThat(mainClasses.stream().filter(c -> c.getPackageName().startsWith("dev.lpm.docker.command")))
                .isNotEmpty();
        assertThat(mainClasses.stream().filter(c -> c.getPackageName().equals("dev.lpm.enforce.helper"))).isNotEmpty();
        rules("dev.lpm").forEach(rule -> rule.check(mainClasses));
    }

    /** The rules must be able to fail: each catches the violation planted for it, and only that. */
    @Test
    void rulesCatchPlantedViolations() {
        String root = "dev.lpm.architecture.fixture";
        JavaClasses fixtures = new ClassFileImporter().importPackages(root);
        assertThat(details(packagesAreFreeOfCycles(root), fixtures))
                .anyMatch(d -> d.contains("CycleA") && d.contains("CycleB"));
        assertThat(details(dockerPackagesAreFreeOfCycles(root), fixtures))
                .anyMatch(d -> d.contains("EngineUsingKillSwitch") && d.contains("KillSwitchUsingEngine"));
        assertThat(details(nettyOnlyInTheNetworkServers(root), fixtures))
                .anyMatch(d -> d.contains("NettyInService")).noneMatch(d -> d.contains("NettyInProxy"));
        assertThat(details(dbusJavaOnlyInTrayAndNotify(root), fixtures))
                .anyMatch(d -> d.contains("DbusInService")).noneMatch(d -> d.contains("DbusInTray"));
        assertThat(details(dockerJavaOnlyInTheEngine(root), fixtures))
                .anyMatch(d -> d.contains("DockerJavaInKillSwitch")).noneMatch(d -> d.contains("fixture.docker.engine"));
        assertThat(details(policyUsesOnlyTheCommandParser(root), fixtures))
                .anyMatch(d -> d.contains("PolicyUsingEngine")).noneMatch(d -> d.contains("PolicyUsingCommand"));
        assertThat(details(commandParserIsPure(root), fixtures))
                .anyMatch(d -> d.contains("CommandDoingIo")).noneMatch(d -> d.contains("CleanCommand"));
        assertThat(details(engineClientsOpenedOnlyByTheFactory(root), fixtures))
                .anyMatch(d -> d.contains("OpensItsOwnEngine") && d.contains("calls method"))
                .anyMatch(d -> d.contains("OpensItsOwnEngine") && d.contains("references method"))
                .noneMatch(d -> d.contains("EngineClientFactory"));
        assertThat(details(enforceStandsAlone(root), fixtures))
                .anyMatch(d -> d.contains("EnforceUsingTheProxy") && d.contains("NettyInProxy"))
                .noneMatch(d -> d.contains("CleanEnforce"));
        assertThat(details(enforceStartsProcessesOnlyThroughItsRunner(root), fixtures))
                .anyMatch(d -> d.contains("EnforceRunningAShell"))
                .noneMatch(d -> d.contains("fixture.enforce.ProcessCommandRunner"));
    }

    private static List<String> details(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        return result.getFailureReport().getDetails();
    }
}

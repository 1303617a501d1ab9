package dev.lpm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The UI's code, much of which runs on the FX thread, never opens sockets, starts processes or probes
 * ports itself: what needs that goes through its backend (DesktopBackend), whose reads do no I/O and
 * whose actions the UI calls off the FX thread (BackgroundWork, BackgroundCall).
 */
class UiDoesNoNetworkIoTest {

    static ArchRule noSocketsOrProcesses(String root) {
        return noClasses().that().resideInAPackage(root + ".ui..")
                .should().dependOnClassesThat().belongToAnyOf(java.net.Socket.class, java.net.ServerSocket.class,
                        java.nio.channels.SocketChannel.class, java.net.http.HttpClient.class, ProcessBuilder.class,
                        Process.class, dev.lpm.process.ListenerProbe.class)
                .because("the UI reaches sockets and processes only through its backend, off the FX thread");
    }

    @Test
    void theUiOpensNoSocketAndStartsNoProcess() {
        noSocketsOrProcesses("dev.lpm").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.lpm"));
    }

    @Test
    void theRuleCatchesAViewModelThatProbesAPort() {
        String root = "dev.lpm.architecture.fixture";
        EvaluationResult result = noSocketsOrProcesses(root).evaluate(new ClassFileImporter().importPackages(root));
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("UiProbingASocket"))
                .noneMatch(d -> d.contains("UiUsingCore"));
    }
}

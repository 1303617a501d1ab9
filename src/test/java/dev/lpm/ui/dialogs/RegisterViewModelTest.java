package dev.lpm.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.core.VpnStatus;
import dev.lpm.policy.SecurityPolicy;
import dev.lpm.registry.Registration;
import dev.lpm.ui.FakeDesktopBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterViewModelTest {

    private static final VpnStatus VPN_UP = new VpnStatus(true, List.of("tun0"), List.of("openvpn"), "tun0",
            List.of("tun0 is up with 10.8.0.2 and carries the public route"), List.of());

    private final FakeDesktopBackend backend = new FakeDesktopBackend();

    private RegisterViewModel model() {
        return new RegisterViewModel(backend, BackgroundCall.inline());
    }

    @Test
    void anEmptyNameAsksForOneAndKeepsOkDisabled() {
        RegisterViewModel model = model();
        model.commandProperty().set("python3 -m http.server {port}");
        assertThat(model.nameErrorProperty().get()).startsWith("Enter a name").contains("NAME.localhost:1355");
        assertThat(model.canSubmitProperty().get()).isFalse();
    }

    @Test
    void aNameThatIsNotADnsLabelShowsTheRule() {
        RegisterViewModel model = model();
        model.commandProperty().set("python3 -m http.server {port}");
        model.nameProperty().set("My_App");
        assertThat(model.nameErrorProperty().get()).contains("'My_App'").contains(ServiceName.RULE);
        assertThat(model.canSubmitProperty().get()).isFalse();

        assertThat(model.urlProperty().get()).isEmpty();

        model.nameProperty().set("my-app");
        assertThat(model.nameErrorProperty().get()).isEmpty();
        assertThat(model.urlProperty().get()).isEqualTo("http://my-app.localhost:1355");
        assertThat(model.canSubmitProperty().get()).isTrue();
    }

    @Test
    void aReservedNameShowsTheRuleWhileTyping() {
        RegisterViewModel model = model();
        model.commandProperty().set("python3 -m http.server {port}");
        model.nameProperty().set("localhost");
        assertThat(model.nameErrorProperty().get()).contains("'localhost' is reserved").endsWith(ServiceName.RESERVED_RULE);
        assertThat(model.canSubmitProperty().get()).isFalse();
        assertThat(model.urlProperty().get()).isEmpty();
    }

    @Test
    void aNameThatIsTakenSaysWhichPortHasIt() {
        backend.put("api", "python3 -m http.server {port}", ServiceState.RUNNING);
        RegisterViewModel model = model();
        model.commandProperty().set("python3 -m http.server {port}");
        model.nameProperty().set("api");
        assertThat(model.nameErrorProperty().get()).isEqualTo("A service named 'api' is already registered (port 4000).");
        assertThat(model.canSubmitProperty().get()).isFalse();
    }

    @Test
    void aPlainCommandRunsAsTypedWithTheNextFreePort() {
        RegisterViewModel model = model();
        model.nameProperty().set("web");
        model.commandProperty().set("python3 -m http.server {port}");
        assertThat(model.portSummaryProperty().get()).isEqualTo("Port 4000 (the next free port in 4000-4999)");
        SecurityPreview preview = model.previewProperty().get();
        assertThat(preview.level()).isEqualTo(SecurityPreview.Level.ALLOWED);
        assertThat(preview.command()).isEqualTo("python3 -m http.server 4000");
    }

    @Test
    void aDockerCommandPreviewsItsLoopbackRewriteWithThePort() {
        RegisterViewModel model = model();
        model.nameProperty().set("web");
        model.commandProperty().set("docker run -p {port}:80 nginx");
        SecurityPreview preview = model.previewProperty().get();
        assertThat(preview.level()).isEqualTo(SecurityPreview.Level.REWRITTEN);
        assertThat(preview.command()).contains("-p 127.0.0.1:4000:80").contains("nginx");
        assertThat(preview.details()).isNotEmpty().noneMatch(d -> d.contains("{port}"));
        assertThat(model.canSubmitProperty().get()).isTrue();

        model.choosePortProperty().set(true);
        model.chosenPortProperty().set("5050");
        assertThat(model.previewProperty().get().command()).contains("-p 127.0.0.1:5050:80");
        assertThat(model.portSummaryProperty().get()).isEqualTo("Port 5050 (chosen)");
    }

    @Test
    void hostNetworkingIsRefusedAndDisablesOk() {
        RegisterViewModel model = model();
        model.nameProperty().set("web");
        model.commandProperty().set("docker run --network host nginx");
        SecurityPreview preview = model.previewProperty().get();
        assertThat(preview.level()).isEqualTo(SecurityPreview.Level.REFUSED);
        assertThat(preview.command()).isNull();
        assertThat(String.join(" ", preview.details())).contains("host");
        assertThat(model.validProperty().get()).isFalse();
        assertThat(model.canSubmitProperty().get()).isFalse();
    }

    @Test
    void whileAVpnIsUpAPublishingContainerPreviewsTheSecurityBlockUnlessBypassed() {
        backend.setVpn(VPN_UP);
        RegisterViewModel model = model();
        model.nameProperty().set("web");
        model.commandProperty().set("docker run -p {port}:80 nginx");
        SecurityPreview preview = model.previewProperty().get();
        assertThat(preview.level()).isEqualTo(SecurityPreview.Level.BLOCKED);
        assertThat(preview.headline()).isEqualTo(SecurityPolicy.blockMessage(ServiceName.of("web")));
        assertThat(preview.details()).containsExactly(SecurityPreview.BLOCK_ADVICE);
        // Offered anyway: the backend answers with the block, and the VPN may be down by then.
        assertThat(model.canSubmitProperty().get()).isTrue();

        model.killSwitchBypassProperty().set(true);
        assertThat(model.previewProperty().get().level()).isEqualTo(SecurityPreview.Level.REWRITTEN);
        assertThat(model.previewProperty().get().command()).contains("-p 127.0.0.1:4000:80")
                .contains(SecurityPolicy.BYPASS_LABEL);
    }

    @Test
    void theVpnComingUpAfterTheDialogOpenedChangesThePreviewOnRefresh() {
        RegisterViewModel model = model();
        model.nameProperty().set("web");
        model.commandProperty().set("docker run -p {port}:80 nginx");
        assertThat(model.previewProperty().get().level()).isEqualTo(SecurityPreview.Level.REWRITTEN);

        backend.setVpn(VPN_UP);
        model.refresh();
        assertThat(model.previewProperty().get().level()).isEqualTo(SecurityPreview.Level.BLOCKED);
    }

    @Test
    void aChosenPortMustBeANumberInRangeAndFree() {
        backend.put("api", "python3 -m http.server {port}", ServiceState.RUNNING);
        RegisterViewModel model = model();
        model.nameProperty().set("web");
        model.commandProperty().set("python3 -m http.server {port}");
        model.choosePortProperty().set(true);
        assertThat(model.portErrorProperty().get()).isEqualTo("Enter a port number from 1 to 65535.");
        model.chosenPortProperty().set("70000");
        assertThat(model.portErrorProperty().get()).isEqualTo("Port 70000 is outside 1-65535.");
        model.chosenPortProperty().set("4000");
        assertThat(model.portErrorProperty().get()).isEqualTo("Port 4000 belongs to 'api'.");
        assertThat(model.canSubmitProperty().get()).isFalse();
        model.chosenPortProperty().set("5000");
        assertThat(model.portErrorProperty().get()).isEmpty();
        assertThat(model.canSubmitProperty().get()).isTrue();
    }

    @Test
    void aMissingWorkingDirectoryIsAnError(@TempDir Path dir) {
        RegisterViewModel model = model();
        assertThat(model.workingDirectoryProperty().get()).isEqualTo(System.getProperty("user.home"));
        model.workingDirectoryProperty().set(dir.resolve("nope").toString());
        assertThat(model.directoryErrorProperty().get()).startsWith("No such directory: ");
        model.workingDirectoryProperty().set(dir.toString());
        assertThat(model.directoryErrorProperty().get()).isEmpty();
    }

    @Test
    void theIsolatedToggleStartsFromTheSetting() {
        assertThat(model().isolatedProperty().get()).isFalse();
        backend.updateSettings(s -> s.edit(b -> b.isolatedDefault = true));
        assertThat(model().isolatedProperty().get()).isTrue();
    }

    @Test
    void submitRegistersWhatWasTyped(@TempDir Path dir) {
        RegisterViewModel model = model();
        model.nameProperty().set("web");
        model.commandProperty().set("docker run -p {port}:80 nginx");
        model.workingDirectoryProperty().set(dir.toString());
        model.subdomainsProperty().set(true);
        model.startNowProperty().set(false);
        Registration registration = model.toRegistration();
        assertThat(registration.workingDirectory()).isEqualTo(dir);
        assertThat(registration.flags().subdomains()).isTrue();
        assertThat(registration.requestedPort()).isNull();

        model.submit();
        assertThat(backend.calls).containsExactly("register web start=false");
        assertThat(model.registeredProperty().get().name()).isEqualTo(ServiceName.of("web"));
        assertThat(model.submitErrorProperty().get()).isEmpty();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aBlockedRegistrationShowsTheSecurityBlockAndKeepsTheInput() {
        backend.setVpn(VPN_UP);
        RegisterViewModel model = model();
        model.nameProperty().set("web");
        model.commandProperty().set("docker run -p {port}:80 nginx");

        model.submit();
        assertThat(backend.calls).containsExactly("register web start=true");
        assertThat(model.submitErrorProperty().get()).isEqualTo(SecurityPolicy.blockMessage(ServiceName.of("web")));
        assertThat(model.registeredProperty().get()).isNull();
        assertThat(model.nameProperty().get()).isEqualTo("web");
        assertThat(model.commandProperty().get()).isEqualTo("docker run -p {port}:80 nginx");
        assertThat(model.canSubmitProperty().get()).isTrue();

        model.killSwitchBypassProperty().set(true);
        assertThat(model.submitErrorProperty().get()).as("a changed input clears the stale error").isEmpty();
    }

    @Test
    void aNameTakenMeanwhileShowsTheBackendsMessage() {
        RegisterViewModel model = model();
        model.nameProperty().set("web");
        model.commandProperty().set("python3 -m http.server {port}");
        backend.put("web", "sleep 100", ServiceState.STOPPED); // registered by the CLI after the dialog looked

        model.submit();
        assertThat(model.submitErrorProperty().get()).contains("'web' is already registered");
        assertThat(model.registeredProperty().get()).isNull();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"docker run -p", "echo 'unterminated", "docker",
            "docker run", "sudo docker run -p {port}:80 nginx", "docker run -P nginx", "$(docker run -p 80:80 x)",
            "docker run -p {port}:80 nginx && docker run -p 9000:9000 minio", "{port}", "|"})
    void everyHalfTypedCommandGetsAPreviewNotAnException(String typed) {
        RegisterViewModel model = model();
        model.nameProperty().set("web");
        for (int end = 1; end <= typed.length(); end++) { // as the user types it, character by character
            model.commandProperty().set(typed.substring(0, end));
            assertThat(model.previewProperty().get().headline()).isNotBlank();
        }
        model.isolatedProperty().set(true);
        assertThat(model.previewProperty().get().headline()).isNotBlank();
    }

    @Test
    void isolatedRunsTheContainerOnTheInternalNetworkAndRefusesPlainCommands() {
        RegisterViewModel model = model();
        model.nameProperty().set("db");
        model.isolatedProperty().set(true);
        model.commandProperty().set("docker run -p {port}:5432 postgres");
        assertThat(model.previewProperty().get().level()).isEqualTo(SecurityPreview.Level.REWRITTEN);
        assertThat(model.previewProperty().get().command()).contains("--network " + SecurityPolicy.ISOLATED_NETWORK)
                .doesNotContain("-p ");

        model.commandProperty().set("python3 -m http.server {port}");
        assertThat(model.previewProperty().get().level()).isEqualTo(SecurityPreview.Level.REFUSED);
        assertThat(model.canSubmitProperty().get()).isFalse();
    }

    @Test
    void submitDoesNothingWhileInvalid() {
        RegisterViewModel model = model();
        model.nameProperty().set("Bad Name");
        model.commandProperty().set("sleep 1");
        model.submit();
        assertThat(backend.calls).isEmpty();
    }
}

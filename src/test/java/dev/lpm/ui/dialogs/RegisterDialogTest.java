package dev.lpm.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.VpnStatus;
import dev.lpm.policy.SecurityPolicy;
import dev.lpm.testsupport.Requirements;
import dev.lpm.ui.FakeDesktopBackend;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The register dialog on a real display (Xvfb under bin/test), driven by TestFX like a user would. */
@ExtendWith(ApplicationExtension.class)
class RegisterDialogTest {

    static final VpnStatus VPN_UP = new VpnStatus(true, List.of("tun0"), List.of("openvpn"), "tun0",
            List.of("tun0 is up with 10.8.0.2 and carries the public route"), List.of());

    private final FakeDesktopBackend backend = new FakeDesktopBackend();
    private Dialog<Service> dialog;

    @BeforeAll
    static void needsADisplay() {
        Requirements.requireDisplay();
    }

    @AfterEach
    void closeEveryWindow() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    private void open(FxRobot robot) throws Exception {
        dialog = WaitForAsyncUtils.asyncFx(() -> RegisterDialog.show(null, backend)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#name");
    }

    private void fill(FxRobot robot, String name, String command) {
        robot.clickOn("#name").write(name);
        robot.clickOn("#command").write(command);
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T extends Node> T find(FxRobot robot, String id, Class<T> type) {
        return robot.lookup(id).queryAs(type);
    }

    /** The bypass confirmation's pane while it is showing, else null. */
    private static Node confirmation(FxRobot robot) {
        return robot.lookup(".lpm-bypass-confirmation").tryQuery().orElse(null);
    }

    @Test
    void aBadNameShowsTheRuleAndDisablesRegister(FxRobot robot) throws Exception {
        open(robot);
        fill(robot, "Bad_Name", "python3 -m http.server {port}");

        Label error = find(robot, "#nameError", Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("'Bad_Name'").contains(ServiceName.RULE);
        assertThat(find(robot, "#registerButton", Button.class).isDisabled()).isTrue();

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.isShowing()).as("Enter does nothing while the input is invalid").isTrue();
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void aDockerCommandShowsTheSecureRewrite(FxRobot robot) throws Exception {
        open(robot);
        fill(robot, "web", "docker run -p {port}:80 nginx");

        Label command = find(robot, "#previewCommand", Label.class);
        assertThat(command.isVisible()).isTrue();
        assertThat(command.getText()).contains("-p 127.0.0.1:4000:80");
        assertThat(find(robot, "#securityPreview", Node.class).getStyleClass()).contains("lpm-preview-rewritten");
        assertThat(find(robot, "#registerButton", Button.class).isDisabled()).isFalse();
    }

    @Test
    void hostNetworkingIsRefusedInTheDialog(FxRobot robot) throws Exception {
        open(robot);
        fill(robot, "web", "docker run --network host nginx");

        assertThat(find(robot, "#previewHeadline", Label.class).getText()).isEqualTo("lpm will not run this command.");
        assertThat(find(robot, "#securityPreview", Node.class).getStyleClass()).contains("lpm-preview-refused");
        assertThat(find(robot, "#registerButton", Button.class).isDisabled()).isTrue();
    }

    @Test
    void aSecurityBlockIsShownInTheDialogWhichKeepsTheInput(FxRobot robot) throws Exception {
        backend.setVpn(VPN_UP);
        open(robot);
        fill(robot, "web", "docker run -p {port}:80 nginx");
        String block = SecurityPolicy.blockMessage(ServiceName.of("web"));
        assertThat(find(robot, "#previewHeadline", Label.class).getText()).isEqualTo(block);

        robot.clickOn("#registerButton");
        Label error = find(robot, "#submitError", Label.class);
        waitUntil(() -> !error.getText().isEmpty());

        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo(block);
        assertThat(dialog.isShowing()).isTrue();
        assertThat(backend.calls).containsExactly("register web start=true");
        assertThat(find(robot, "#name", TextField.class).getText()).isEqualTo("web");
        assertThat(find(robot, "#command", TextField.class).getText()).isEqualTo("docker run -p {port}:80 nginx");
    }

    @Test
    void theOpenDialogFollowsTheVpnComingUp(FxRobot robot) throws Exception {
        open(robot);
        fill(robot, "web", "docker run -p {port}:80 nginx");
        Node preview = find(robot, "#securityPreview", Node.class);
        assertThat(preview.getStyleClass()).contains("lpm-preview-rewritten");

        backend.setVpn(VPN_UP); // published on this thread, as the detector publishes on its own
        waitUntil(() -> preview.getStyleClass().contains("lpm-preview-blocked"));
        assertThat(find(robot, "#previewHeadline", Label.class).getText())
                .isEqualTo(SecurityPolicy.blockMessage(ServiceName.of("web")));
    }

    @Test
    void enterRegistersAndClosesTheDialog(FxRobot robot) throws Exception {
        open(robot);
        fill(robot, "web", "python3 -m http.server {port}");
        robot.clickOn("#startNow"); // off: register only

        robot.clickOn("#command").type(KeyCode.ENTER);
        waitUntil(() -> !dialog.isShowing());

        assertThat(backend.calls).containsExactly("register web start=false");
        assertThat(dialog.getResult()).isNotNull();
        assertThat(dialog.getResult().name()).isEqualTo(ServiceName.of("web"));
        assertThat(backend.services()).extracting(Service::name).containsExactly(ServiceName.of("web"));
    }

    @Test
    void escapeCancelsWithoutRegistering(FxRobot robot) throws Exception {
        open(robot);
        fill(robot, "web", "python3 -m http.server {port}");

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !dialog.isShowing());

        assertThat(dialog.getResult()).isNull();
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void theKillSwitchBypassNeedsConfirmation(FxRobot robot) throws Exception {
        backend.setVpn(VPN_UP);
        open(robot);
        fill(robot, "web", "docker run -p {port}:80 nginx");
        CheckBox bypass = find(robot, "#killSwitchBypass", CheckBox.class);

        robot.clickOn(bypass);
        waitUntil(() -> confirmation(robot) != null);
        assertThat(robot.from(confirmation(robot)).lookup(".content").queryLabeled().getText())
                .isEqualTo(RegisterViewModel.BYPASS_RISK);
        robot.clickOn(robot.from(confirmation(robot)).lookup("Cancel").queryButton());
        waitUntil(() -> confirmation(robot) == null);
        assertThat(bypass.isSelected()).as("declining leaves the kill switch in charge").isFalse();

        robot.clickOn(bypass);
        waitUntil(() -> confirmation(robot) != null);
        robot.clickOn(robot.from(confirmation(robot)).lookup("Bypass the kill switch").queryButton());
        waitUntil(() -> confirmation(robot) == null);
        assertThat(bypass.isSelected()).isTrue();
        assertThat(find(robot, "#securityPreview", Node.class).getStyleClass()).contains("lpm-preview-rewritten");
    }
}

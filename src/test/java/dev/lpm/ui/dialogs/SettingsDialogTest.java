package dev.lpm.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.platform.LoginStart;
import dev.lpm.testsupport.Requirements;
import dev.lpm.ui.FakeDesktopBackend;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

/** The settings dialog on a real display, driven by TestFX. */
@ExtendWith(ApplicationExtension.class)
class SettingsDialogTest {

    private final FakeDesktopBackend backend = new FakeDesktopBackend();
    private final MemoryLoginStart login = new MemoryLoginStart();
    private Dialog<String> dialog;

    @BeforeAll
    static void needsADisplay() {
        Requirements.requireDisplay();
    }

    @AfterEach
    void closeEveryWindow() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    private void open(LoginStart loginStart) throws Exception {
        dialog = WaitForAsyncUtils.asyncFx(() -> SettingsDialog.show(null, backend, loginStart)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void replace(FxRobot robot, String id, String text) {
        robot.clickOn(id).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.type(KeyCode.BACK_SPACE).write(text);
    }

    @Test
    void aProxyPortInsideTheRangeDisablesSaveAndSaysWhy(FxRobot robot) throws Exception {
        open(login);
        replace(robot, "#proxyPort", "4100");

        Label problems = robot.lookup("#problems").queryAs(Label.class);
        assertThat(problems.isVisible()).isTrue();
        assertThat(problems.getText()).contains("Proxy port 4100 lies inside the port range 4000-4999");
        assertThat(robot.lookup("#saveButton").queryAs(Button.class).isDisabled()).isTrue();
    }

    @Test
    void saveUpdatesTheSettingsOnceAndCloses(FxRobot robot) throws Exception {
        open(login);
        robot.clickOn("#killSwitch");
        replace(robot, "#proxyPort", "1400");
        assertThat(robot.lookup("#pendingChanges").queryAs(Label.class).getText())
                .isEqualTo("Applies at once: kill switch. Applies when lpm starts next: proxy port.");

        robot.clickOn("#saveButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !dialog.isShowing());

        assertThat(backend.calls).containsExactly("settings killSwitch=false");
        assertThat(backend.settings().proxyPort()).isEqualTo(1400);
        assertThat(dialog.getResult()).isEqualTo("Applies at once: kill switch. Applies when lpm starts next: proxy port.");
    }

    @Test
    void uncheckingANotificationKindMutesIt(FxRobot robot) throws Exception {
        open(login);
        robot.clickOn("#notifyCrashes");
        assertThat(robot.lookup("#pendingChanges").queryAs(Label.class).getText())
                .isEqualTo("Applies at once: notifications.");
        robot.clickOn("#saveButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !dialog.isShowing());
        assertThat(backend.settings().mutedNotifications()).containsExactly("crashes");
        assertThat(backend.settings().notifies("blocks")).isTrue();
    }

    @Test
    void withoutLoginStartTheSwitchIsDisabledAndSaysSo(FxRobot robot) throws Exception {
        open(null);
        assertThat(robot.lookup("#startAtLogin").queryAs(CheckBox.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#loginStartNote").queryAs(Label.class).getText())
                .isEqualTo("Not available on this platform.");
    }

    @Test
    void theLoginEntryShowsWhereItLives(FxRobot robot) throws Exception {
        open(login);
        assertThat(robot.lookup("#loginStartNote").queryAs(Label.class).getText())
                .isEqualTo("~/.config/autostart/lpm.desktop");
        robot.clickOn("#startAtLogin");
        robot.clickOn("#saveButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !dialog.isShowing());
        assertThat(login.enabled).isTrue();
    }

    @Test
    void anInvalidRegexIsNamedAndKeepsWhatWasTyped(FxRobot robot) throws Exception {
        open(login);
        robot.clickOn("#interfacePatterns").press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        robot.type(KeyCode.ENTER).write("corp(");

        assertThat(robot.lookup("#problems").queryAs(Label.class).getText())
                .startsWith("VPN interface pattern 'corp(' (line 12) is not a valid regex");
        assertThat(robot.lookup("#saveButton").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#interfacePatterns").queryAs(javafx.scene.control.TextArea.class).getText())
                .endsWith("\ncorp(");
        assertThat(robot.lookup("#rangeFirst").queryAs(TextField.class).getText()).isEqualTo("4000");
    }

    @Test
    void theAddressSchemeIsSavedAtOnceAndTheTrustSectionShowsTheInstancesStatus(FxRobot robot) throws Exception {
        open(login);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#trustPlaces").queryAs(javafx.scene.layout.VBox.class).getChildren().size() == 2);
        assertThat(robot.lookup("#urlScheme-auto").queryAs(javafx.scene.control.RadioButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#trustButton").queryAs(Button.class).getText())
                .isEqualTo("Trust lpm's certificate authority");

        robot.clickOn("#urlScheme-https");
        assertThat(robot.lookup("#pendingChanges").queryAs(Label.class).getText())
                .isEqualTo("Applies at once: address scheme.");
        robot.clickOn("#saveButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !dialog.isShowing());

        assertThat(backend.settings().urlScheme()).isEqualTo(dev.lpm.core.UrlScheme.HTTPS);
        assertThat(backend.urlOf(dev.lpm.core.ServiceName.of("web"))).as("https although nothing trusts the CA yet")
                .isEqualTo("https://web.localhost:1355");
    }
}

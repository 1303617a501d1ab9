package dev.lpm.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.platform.FirstRunCheck;
import dev.lpm.core.ServiceName;
import dev.lpm.testsupport.Requirements;
import dev.lpm.ui.FakeDesktopBackend;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class WelcomeDialogTest {

    private static final List<FirstRunCheck> CHECKS = List.of(
            new FirstRunCheck("*.localhost in Java", true, "lpm-check.localhost resolves to loopback", ""),
            new FirstRunCheck("*.localhost for other tools", false, "the system resolver does not resolve *.localhost",
                    "install libnss-myhostname, or run: sudo lpm hosts sync"),
            new FirstRunCheck("Docker", false, "no Docker socket at /var/run/docker.sock", ""));

    @BeforeAll
    static void toolkit() throws Exception {
        Requirements.requireDisplay();
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void cleanup() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void theModelRunsTheChecksOffTheUiThreadAndSaysWhetherAllPassed() {
        WelcomeViewModel model = new WelcomeViewModel(() -> CHECKS, BackgroundCall.inline(), "http://NAME.localhost:1355");
        assertThat(model.checkingProperty().get()).isFalse();
        assertThat(model.checks()).containsExactlyElementsOf(CHECKS);
        assertThat(model.allPassedProperty().get()).isFalse();
        assertThat(model.introduction()).contains("http://NAME.localhost:1355").contains("kill switch");

        WelcomeViewModel failing = new WelcomeViewModel(() -> {
            throw new IllegalStateException("getent hung");
        }, BackgroundCall.inline(), "x");
        assertThat(failing.checks()).singleElement().satisfies(c -> assertThat(c.message()).contains("getent hung"));
    }

    @Test
    void failedChecksShowTheirFixWithACopyButton() throws Exception {
        FxRobot robot = new FxRobot();
        robot.interact(() -> WelcomeDialog.show(null, () -> CHECKS, "http://NAME.localhost:1355",
                new FakeDesktopBackend()));
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#checks").queryAs(VBox.class).getChildren().size() == 3);
        VBox checks = robot.lookup("#checks").queryAs(VBox.class);
        assertThat(robot.from(checks).lookup(".lpm-check-failed").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("✘ *.localhost for other tools: the system resolver does not resolve *.localhost",
                        "✘ Docker: no Docker socket at /var/run/docker.sock");
        assertThat(robot.from(checks).lookup(".lpm-check-fix").queryAs(Label.class).getText()).contains("sudo lpm hosts sync");

        robot.clickOn(robot.from(checks).lookup("Copy").queryButton());
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).isEqualTo("sudo lpm hosts sync");
    }

    @Test
    void theTrustSectionShowsEachPlaceAndItsButtonTrustsForTheUserAndTurnsAddressesToHttps() throws Exception {
        FakeDesktopBackend backend = new FakeDesktopBackend();
        FxRobot robot = new FxRobot();
        robot.interact(() -> WelcomeDialog.show(null, () -> CHECKS, "http://NAME.localhost:1355", backend));
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#trustPlaces").queryAs(VBox.class).getChildren().size() == 2);
        VBox places = robot.lookup("#trustPlaces").queryAs(VBox.class);
        assertThat(robot.from(places).lookup(".lpm-check-failed").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("✘ system store (Debian): not in /usr/local/share/ca-certificates",
                        "✘ NSS /home/a/.pki/nssdb (Chromium): the CA is not in it");
        assertThat(robot.lookup("#trustSummary").queryAs(Label.class).getText()).contains("not trusted yet");
        assertThat(backend.urlOf(ServiceName.of("web"))).isEqualTo("http://web.localhost:1355");

        javafx.scene.control.Button trust = robot.from(places.getParent()).lookup("#trustButton").queryButton();
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> trust.getScene().getWindow().isShowing() && trust.isVisible() && !trust.isDisabled());
        robot.clickOn(trust);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#trustSummary").queryAs(Label.class).getText().contains("some places"));

        assertThat(backend.calls).containsExactly("trustForUser");
        assertThat(robot.from(places).lookup(".lpm-check-ok").queryAs(Label.class).getText())
                .isEqualTo("✔ NSS /home/a/.pki/nssdb (Chromium): trusts lpm's CA");
        assertThat(robot.lookup("#trustFix").queryAs(Label.class).getText())
                .startsWith("sudo cp /home/a/.lpm/ca/ca.pem /usr/local/share/ca-certificates/lpm.crt");
        assertThat(backend.urlOf(ServiceName.of("web"))).as("auto: https once a place trusts the CA")
                .isEqualTo("https://web.localhost:1355");
    }

    /** The checks come in after the dialog is on screen (they start processes): it grows to show them and its buttons. */
    @Test
    void theDialogGrowsToHoldChecksThatArriveAfterItIsShown() throws Exception {
        java.util.concurrent.CompletableFuture<Void> shown = new java.util.concurrent.CompletableFuture<>();
        FxRobot robot = new FxRobot();
        robot.interact(() -> WelcomeDialog.show(null, new WelcomeViewModel(() -> {
            shown.join();
            return CHECKS;
        }, BackgroundCall.offFxThread(), "http://NAME.localhost:1355"), new TrustViewModel(new FakeDesktopBackend(),
                BackgroundCall.offFxThread())));
        shown.complete(null);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#checks").queryAs(VBox.class).getChildren().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.Button ok = robot.lookup(".dialog-pane .button-bar .button").queryButton();
        WaitForAsyncUtils.asyncFx(() -> {
            javafx.geometry.Bounds inScene = ok.localToScene(ok.getBoundsInLocal());
            assertThat(inScene.getMaxY()).as("the OK button inside the dialog's window")
                    .isLessThanOrEqualTo(ok.getScene().getHeight());
            return null;
        }).get();
    }
}

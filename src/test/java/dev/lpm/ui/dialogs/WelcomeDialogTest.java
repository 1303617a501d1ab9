package dev.lpm.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.platform.FirstRunCheck;
import dev.lpm.testsupport.Requirements;
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
        robot.interact(() -> WelcomeDialog.show(null, () -> CHECKS, "http://NAME.localhost:1355"));
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#checks").queryAs(VBox.class).getChildren().size() == 3);
        assertThat(robot.lookup(".lpm-check-failed").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("✘ *.localhost for other tools: the system resolver does not resolve *.localhost",
                        "✘ Docker: no Docker socket at /var/run/docker.sock");
        assertThat(robot.lookup(".lpm-check-fix").queryAs(Label.class).getText()).contains("sudo lpm hosts sync");

        robot.clickOn("Copy");
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).isEqualTo("sudo lpm hosts sync");
    }
}

package dev.lpm.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.PortExposure;
import dev.lpm.core.ServiceState;
import dev.lpm.core.Severity;
import dev.lpm.platform.FirstRunCheck;
import dev.lpm.testsupport.CssWarnings;
import dev.lpm.testsupport.Requirements;
import dev.lpm.ui.DesktopApp;
import dev.lpm.ui.FakeDesktopBackend;
import dev.lpm.ui.dialogs.RegisterDialog;
import dev.lpm.ui.dialogs.SettingsDialog;
import dev.lpm.ui.dialogs.WelcomeDialog;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every looked-up colour resolves in every window and dialog, in the light and the dark theme: the main
 * window's pages with every kind of row (each service state, a warning badge, blocked containers, findings
 * of each severity), the register, settings and welcome dialogs, a service's log window, notices and
 * errors, and what changes while the window is hidden in the tray. JavaFX's CSS warnings (CssStyleHelper:
 * "Could not resolve '-lpm-text'", "String cannot be cast to Paint") are recorded and must be none.
 */
class CssLookupsTest {

    private final FakeDesktopBackend backend = new FakeDesktopBackend();
    private final FxRobot robot = new FxRobot();
    private DesktopApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        FxToolkit.cleanupStages();
        System.clearProperty("lpm.theme");
    }

    private static <T> T fx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fxRun(Runnable run) {
        fx(() -> {
            run.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void everyWindowAndDialogResolvesEveryLookup(String theme) throws Exception {
        Requirements.requireDisplay();
        CssWarnings.install();
        System.setProperty("lpm.theme", theme);
        FxToolkit.registerPrimaryStage();
        sampleData();
        app = DesktopApp.start(backend, new RecordingBrowser(), true);
        fxRun(() -> app.stage().setWidth(1200));
        assertThat(fx(() -> app.stage().getScene().getStylesheets())).as("the %s theme is in use", theme)
                .anyMatch(s -> s.endsWith("/" + theme + ".css"));

        visitEveryPage();
        fxRun(() -> app.showNotice("A notice, as the tray-less start shows one."));
        fxRun(() -> app.showError("An error, as a failed start shows one."));

        // The dialogs, over the window as the app opens them.
        Window owner = app.stage();
        Dialog<?> register = fx(() -> RegisterDialog.show(owner, backend));
        fxRun(() -> register.getDialogPane().lookupAll(".check-box").forEach(n -> ((javafx.scene.control.CheckBox) n).setSelected(true)));
        fxRun(register::close);
        Dialog<?> settings = fx(() -> SettingsDialog.show(owner, backend, new dev.lpm.ui.dialogs.MemoryLoginStart()));
        fxRun(settings::close);
        Dialog<?> welcome = fx(() -> WelcomeDialog.show(owner, () -> List.of(
                new FirstRunCheck("*.localhost in Java", true, "resolves to loopback", ""),
                new FirstRunCheck("Docker", false, "no Docker socket", "install docker.io")), "http://NAME.localhost:1355",
                backend));
        WaitForAsyncUtils.waitForFxEvents();
        fxRun(welcome::close);

        // A service's log window, opened from its row.
        fxRun(() -> app.window().select(MainWindow.Page.SERVICES));
        fxRun(() -> robot.lookup("#services-table .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals("Logs")).findFirst().orElseThrow().fire());
        assertThat(fx(() -> Window.getWindows().stream().filter(w -> w != app.stage() && w.isShowing()).count()))
                .as("the log window is open").isPositive();
        fxRun(() -> Window.getWindows().stream().map(Window::getScene).filter(s -> s != null && s != app.stage().getScene())
                .map(Scene::getRoot).forEach(javafx.scene.Parent::applyCss));

        // In the tray: everything changes while the window is hidden, then it is shown again.
        fxRun(() -> app.stage().hide());
        backend.publish(new LpmEvent.FindingsChanged("lpmtest-db", List.of(
                SampleData.finding("privileged", Severity.CRITICAL, "lpmtest-db"),
                SampleData.finding("exposed-during-vpn", Severity.HIGH, "lpmtest-db"),
                SampleData.finding("no-healthcheck", Severity.LOW, "lpmtest-db")), Instant.now()));
        backend.put("lpmtest-new", "node new.js {port}", ServiceState.CRASHED);
        backend.publish(new LpmEvent.ContainerBlocked(SampleData.block("c3", "lpmtest-c3"), Instant.now()));
        WaitForAsyncUtils.waitForFxEvents();
        fxRun(() -> app.stage().show());
        visitEveryPage();
        assertThat(fx(() -> robot.lookup("#findings-tree .tree-table-row-cell").queryAll().stream()
                .filter(n -> n.getStyleClass().contains("severity-low")).count()))
                .as("the findings that came while hidden are shown").isPositive();

        assertThat(CssWarnings.drain()).as("JavaFX CSS warnings in the %s theme", theme).isEmpty();
    }

    private void visitEveryPage() {
        for (MainWindow.Page page : MainWindow.Page.values()) {
            fxRun(() -> app.window().select(page));
            fxRun(() -> app.stage().getScene().getRoot().applyCss());
        }
    }

    private void sampleData() {
        backend.put("lpmtest-api", "node api.js {port}", ServiceState.RUNNING);
        var open = backend.put("lpmtest-open", "python3 -m http.server {port}", ServiceState.RUNNING);
        backend.update(open.withStatus(open.status().withExposure(PortExposure.of(List.of("0.0.0.0")).orElseThrow())));
        backend.put("lpmtest-starting", "node s.js {port}", ServiceState.STARTING);
        backend.put("lpmtest-crashed", "node c.js {port}", ServiceState.CRASHED);
        backend.put("lpmtest-stopped", "node t.js {port}", ServiceState.STOPPED);
        backend.put("lpmtest-blocked", "docker run -p {port}:80 nginx", ServiceState.BLOCKED);
        backend.blocked.add(SampleData.block("c1", "lpmtest-c1"));
        backend.blocked.add(SampleData.block("c2", "lpmtest-c2"));
        for (Severity severity : Severity.values()) {
            backend.findings.add(SampleData.finding("rule-" + severity.label(), severity, "lpmtest-web"));
        }
        backend.problems.add("the firewall helper is not running");
        backend.setVpn(SampleData.VPN_UP);
    }
}

package dev.lpm.ui.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.PortExposure;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.core.VpnStatus;
import dev.lpm.testsupport.Requirements;
import dev.lpm.ui.DesktopApp;
import dev.lpm.ui.FakeDesktopBackend;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window on the X display, driven by a robot over a fake backend. */
class DesktopAppFxTest {

    private final FakeDesktopBackend backend = new FakeDesktopBackend();
    private final RecordingBrowser browser = new RecordingBrowser();
    private final FxRobot robot = new FxRobot();
    private DesktopApp app;

    @BeforeEach
    void start() throws TimeoutException {
        Requirements.requireDisplay();
        FxToolkit.registerPrimaryStage();
        app = DesktopApp.start(backend, browser, true);
        fx(() -> {
            app.stage().setWidth(1200);
            app.stage().setHeight(760);
            return null;
        });
    }

    @AfterEach
    void stop() throws TimeoutException {
        if (app != null) {
            app.close();
        }
        FxToolkit.cleanupStages();
    }

    private static <T> T fx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void show(MainWindow.Page page) {
        fx(() -> {
            app.window().select(page);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The texts the table cells show right now: what a user sees, not what the model holds. */
    private List<String> cellTexts(String tableId) {
        return fx(() -> robot.lookup(tableId + " .table-cell").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText).filter(t -> t != null && !t.isEmpty()).toList());
    }

    private static void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(assertion::run);
    }

    @Test
    void servicesTableShowsChangesAndRemovalsAsEventsArrive() {
        show(MainWindow.Page.SERVICES);
        backend.put("api", "node api.js {port}", ServiceState.STARTING);
        eventually(() -> assertThat(cellTexts("#services-table")).contains("api", "4000", "starting"));

        var api = backend.services().getFirst();
        backend.update(api.withStatus(new dev.lpm.core.ServiceStatus(ServiceState.CRASHED, "exited with 1",
                Instant.now(), null, 1, 0)));
        eventually(() -> assertThat(cellTexts("#services-table")).contains("crashed").doesNotContain("starting"));

        backend.publish(new LpmEvent.ServiceRemoved(ServiceName.of("api"), Instant.now()));
        eventually(() -> assertThat(cellTexts("#services-table")).doesNotContain("api", "crashed"));
    }

    @Test
    void theGroupColumnShowsEachServicesProjectAndKeepsAProjectTogether() {
        show(MainWindow.Page.SERVICES);
        backend.putInGroup("shop", "web", "npm run dev -- --port {port}", ServiceState.RUNNING);
        backend.put("api", "node api.js {port}", ServiceState.RUNNING);
        backend.putInGroup("shop", "db", "postgres -p {port}", ServiceState.RUNNING);

        // Column order: Name, Group, URL, ...; rows: api (no group) first, then shop's db and web.
        eventually(() -> assertThat(fx(() -> robot.lookup("#services-table .table-row-cell")
                .queryAllAs(javafx.scene.control.TableRow.class).stream()
                .filter(row -> row.getItem() != null)
                .sorted(java.util.Comparator.comparingInt(javafx.scene.control.TableRow::getIndex))
                .map(row -> row.lookupAll(".table-cell").stream().limit(2)
                        .map(cell -> ((Labeled) cell).getText())
                        .map(text -> text == null ? "" : text).toList())
                .toList()))
                .containsExactly(List.of("api", ""), List.of("db", "shop"), List.of("web", "shop")));
    }

    @Test
    void aServiceOtherMachinesCanReachShowsAWarningBadgeWhoseTooltipGivesTheFix() {
        show(MainWindow.Page.SERVICES);
        var api = backend.put("api", "python3 -m http.server {port}", ServiceState.RUNNING);
        backend.update(api.withStatus(api.status().withExposure(PortExposure.of(List.of("0.0.0.0")).orElseThrow())));

        eventually(() -> {
            List<Label> badges = visibleBadges();
            assertThat(badges).singleElement().satisfies(badge -> {
                assertThat(badge.getText()).isEqualTo("\u26a0 listens on 0.0.0.0");
                assertThat(badge.getTooltip().getText()).contains("Fix: python http.server: add --bind 127.0.0.1");
            });
        });

        backend.update(api.withStatus(api.status().withExposure(PortExposure.of(List.of("127.0.0.1")).orElseThrow())));
        eventually(() -> assertThat(visibleBadges()).isEmpty());
    }

    private List<Label> visibleBadges() {
        return fx(() -> robot.lookup("#services-table .exposure-badge").queryAllAs(Label.class).stream()
                .filter(Label::isVisible).toList());
    }

    @Test
    void clickingAServiceUrlOpensItInTheBrowser() {
        backend.put("api", "node api.js {port}", ServiceState.RUNNING);
        show(MainWindow.Page.SERVICES);

        robot.clickOn("http://api.localhost:1355");

        eventually(() -> assertThat(browser.opened).containsExactly(URI.create("http://api.localhost:1355")));
    }

    @Test
    void aBrowserThatCannotStartIsReportedInTheWindow() {
        backend.put("api", "node api.js {port}", ServiceState.RUNNING);
        browser.failure = "no browser found: install xdg-utils";
        show(MainWindow.Page.SERVICES);

        robot.clickOn("http://api.localhost:1355");

        eventually(() -> assertThat(fx(() -> app.window().notices().texts()))
                .containsExactly("Opening api: no browser found: install xdg-utils"));
    }

    @Test
    void stopAndUnregisterButtonsCallTheBackend() {
        backend.put("api", "node api.js {port}", ServiceState.RUNNING);
        show(MainWindow.Page.SERVICES);

        robot.clickOn("Stop");
        eventually(() -> assertThat(cellTexts("#services-table")).contains("stopped"));
        robot.clickOn("Unregister");
        robot.clickOn("OK");

        eventually(() -> assertThat(backend.calls).containsExactly("stop api", "unregister api"));
        eventually(() -> assertThat(cellTexts("#services-table")).doesNotContain("api"));
    }

    @Test
    void resumeIsRefusedWhileTheKillSwitchHoldsAndWorksOnceTheVpnIsDown() {
        backend.blocked.add(SampleData.block("c1", "legacy"));
        backend.setVpn(SampleData.VPN_UP);
        app.close();
        app = DesktopApp.start(backend, browser, true);
        show(MainWindow.Page.BLOCKED);

        robot.clickOn("Resume");
        eventually(() -> assertThat(robot.lookup("#blocked-message").queryLabeled().getText())
                .isEqualTo("Cannot resume legacy: a VPN is active and the kill switch is on"));
        assertThat(cellTexts("#blocked-table")).contains("legacy");

        backend.setVpn(new VpnStatus(false, List.of(), List.of(), "eth0", List.of("no tunnel interface"), List.of()));
        robot.clickOn("Resume");
        eventually(() -> assertThat(cellTexts("#blocked-table")).doesNotContain("legacy"));
        assertThat(backend.calls).containsExactly("resume c1", "resume c1");
    }

    @Test
    void logsOpenAWindowWithTheTailThenTheServicesOutput() {
        backend.put("api", "node api.js {port}", ServiceState.RUNNING);
        show(MainWindow.Page.SERVICES);

        robot.clickOn("Logs");
        Stage logs = fx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s
                && s.getTitle().startsWith("api")).map(Stage.class::cast).findFirst().orElseThrow());
        backend.publish(new LpmEvent.ServiceOutput(ServiceName.of("api"), "listening on 4000", Instant.now()));

        @SuppressWarnings("unchecked")
        ListView<String> lines = (ListView<String>) logs.getScene().lookup(".log-lines");
        eventually(() -> assertThat(fx(() -> List.copyOf(lines.getItems())))
                .containsExactly("line 1 of api", "line 2 of api", "listening on 4000"));
    }

    @Test
    void shortcutsOpenTheDialogHooksAndCloseTheWindowWithoutQuitting() {
        List<Window> owners = new CopyOnWriteArrayList<>();
        robot.clickOn("#main-tabs");
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        eventually(() -> assertThat(fx(() -> app.window().notices().texts()))
                .containsExactly("Registering a service is not available in this build."));

        app.setRegisterDialog(owners::add);
        app.setSettingsDialog(owners::add);
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        eventually(() -> assertThat(owners).containsExactly(app.stage(), app.stage()));

        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        eventually(() -> assertThat(app.stage().isShowing()).isFalse());
        assertThat(backend.calls).doesNotContain("quit");

        app.showWindow();
        eventually(() -> assertThat(app.stage().isShowing()).isTrue());
    }

    @Test
    void killSwitchToggleSavesTheSetting() {
        robot.clickOn("#kill-switch .thumb-area");

        eventually(() -> assertThat(backend.calls).containsExactly("settings killSwitch=false"));
        eventually(() -> assertThat(robot.lookup("Kill switch off").tryQuery()).isPresent());
    }

    @Test
    void noticesStackAndCanBeDismissed() {
        app.showNotice("No system tray: the desktop has none, so the window stays open.");
        eventually(() -> assertThat(fx(() -> app.window().notices().texts())).hasSize(1));

        robot.clickOn(".notice-dismiss");

        eventually(() -> assertThat(fx(() -> app.window().notices().texts())).isEmpty());
    }

    @Test
    void accessLogLinesFromAVpnSessionCarryThePadlockIcon() {
        show(MainWindow.Page.ACCESS_LOG);
        backend.publish(new LpmEvent.ProxyRequest("GET", "/api/data", "HTTP/1.1", "api", 200, 3, true, Instant.now()));
        backend.publish(new LpmEvent.ProxyRequest("GET", "/open", "HTTP/1.1", "api", 200, 1, false, Instant.now()));
        eventually(() -> {
            List<Labeled> cells = fx(() -> robot.lookup(".list-cell").queryAllAs(Labeled.class).stream()
                    .filter(c -> c.getText() != null && !c.getText().isEmpty()).toList());
            assertThat(cells).hasSize(2);
            assertThat(cells).filteredOn(c -> c.getText().contains("/api/data")).singleElement().satisfies(c -> {
                assertThat(c.getText()).doesNotContain(AccessLogViewModel.LOCK).contains("GET /api/data HTTP/1.1 -> api 200 3ms");
                assertThat(c.getGraphic()).isInstanceOf(javafx.scene.image.ImageView.class);
            });
            assertThat(cells).filteredOn(c -> c.getText().contains("/open")).singleElement()
                    .satisfies(c -> assertThat(c.getGraphic()).isNull());
        });
    }
}

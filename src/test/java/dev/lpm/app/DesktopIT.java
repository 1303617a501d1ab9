package dev.lpm.app;

import dev.lpm.docker.engine.EngineClientFactory;
import dev.lpm.enforce.HelperClient;
import dev.lpm.testsupport.RootHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.config.LpmHome;
import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlRequest;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.testsupport.HostProcesses;
import dev.lpm.testsupport.HostTun;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.PrivateSessionBus;
import dev.lpm.testsupport.RecordingNotificationServer;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.XembedTray;
import dev.lpm.ui.DesktopUi;
import dev.lpm.ui.tray.AwtTrayOnXvfbTest;
import dev.lpm.ui.tray.TrayState;
import java.awt.EventQueue;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.ActionEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The "done when", as a new user on a desktop would do it, with Xvfb and trayer standing in for
 * the desktop and a private D-Bus session bus for its notification service: start the app, register a
 * service in the dialog, open it from the tray, bring a tun device up, start an exposed container by
 * hand, and see the icon change, the notification, and the blocked container in the window.
 */
class DesktopIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HAND = "lpmtest-desk-hand";
    private static final String TUN = "lpmtest-desk0";

    @TempDir
    Path home;

    @Test
    void aNewUserOnADesktop() throws Exception {
        Requirements.requireDisplay();
        Requirements.requireDockerEngine();
        Requirements.requireTunDevices();
        // The VPN stand-in is named lpmtest-*, so the detector is told that name and only it (no tunN of another
        // test on this machine counts); everything else in the settings keeps its default.
        java.nio.file.Files.writeString(home.resolve("settings.json"), "{\"vpn\": {\"interfaceNames\": [], "
                + "\"nameSubstrings\": [\"" + TUN + "\"]}}");
        List<URI> opened = new CopyOnWriteArrayList<>();
        int proxyPort = LpmCli.freePort();
        try (HostProcesses host = new HostProcesses();
             PrivateSessionBus bus = PrivateSessionBus.start();
             RecordingNotificationServer notifications = new RecordingNotificationServer(bus.address);
             // The firewall helper as the package runs it: without one the tray shows a problem, not "secure".
             RootHelper helper = RootHelper.start(List.of())) {
            XembedTray trayer = XembedTray.start(host);
            List<Rectangle> before = trayer.windows();
            Lpm lpm = Lpm.start(new LpmHome(home), Clock.systemUTC(), proxyPort, EngineClientFactory.CONFIGURED,
                    new HelperClient(helper.socket()));
            DesktopUi ui = null;
            try {
                ui = DesktopCommand.startUi(lpm, opened::add, Optional.of(bus.address), null);
                Rectangle icon = trayer.awaitNewIcon(before);
                Robot robot = new Robot();
                XembedTray.awaitColour(robot, icon, TrayState.SECURE, AwtTrayOnXvfbTest.FILL);
                // no StatusNotifierWatcher on this bus: the AWT icon, and lpm status says so
                assertThat(new ControlClient(new LpmHome(home).controlSocket()).call(new ControlRequest.Status())
                        .get("tray").asText()).isEqualTo("AWT (XEmbed)");

                // The first start opens the window with the welcome and this machine's checks.
                FxRobot fx = new FxRobot();
                DesktopUi started = ui;
                await("welcome with the machine checks").atMost(WAIT).until(() -> onFx(() ->
                        fx.lookup("#checks").queryAs(javafx.scene.layout.VBox.class).getChildren().size() == 3));
                assertThat(started.app().stage().isShowing()).isTrue();
                awaitOnScreen(fx, "OK");
                fx.clickOn("OK");
                fx.interact(() -> started.app().stage().hide()); // closing the window keeps the app in the tray
                assertThat(lpm.services().list()).isEmpty();

                // lpm show (and a second launch) bring the running window to the front.
                new ControlClient(new LpmHome(home).controlSocket()).call(new ControlRequest.Show());
                await("window shown").atMost(WAIT).until(() -> started.app().stage().isShowing());

                registerInTheDialog(ui, "lpmtest-desk", "python3 -m http.server {port} --bind 127.0.0.1");
                await("lpmtest-desk running").atMost(WAIT).until(() ->
                        lpm.services().get(ServiceName.of("lpmtest-desk")).state() == ServiceState.RUNNING);
                assertThat(throughProxy(proxyPort, "lpmtest-desk")).isEqualTo(200);

                MenuItem open = trayMenuItem("lpmtest-desk", "Open ");
                EventQueue.invokeAndWait(() -> open.dispatchEvent(
                        new ActionEvent(open, ActionEvent.ACTION_PERFORMED, open.getActionCommand())));
                await("browser opened").atMost(WAIT).until(() -> !opened.isEmpty());
                assertThat(opened).containsExactly(URI.create("http://lpmtest-desk.localhost:" + proxyPort));

                // The user works from the tray now: notifications go to the desktop's service, not the window.
                new FxRobot().interact(() -> started.app().stage().hide());
                try (HostTun vpn = HostTun.up(TUN, "10.213.96.2/24")) {
                    await("VPN active").atMost(WAIT).until(() -> lpm.parts().vpn().vpn().active());
                    XembedTray.awaitColour(robot, icon, TrayState.VPN_ACTIVE, AwtTrayOnXvfbTest.FILL);

                    // The kill switch off from the tray's toggle: an exposed container may run ...
                    toggleKillSwitchInTheTray(false);
                    await("kill switch off, saved").atMost(WAIT).until(() -> !lpm.settings().killSwitch()
                            && java.nio.file.Files.readString(home.resolve("settings.json")).contains("\"killSwitch\" : false"));
                    int handPort = HostProcesses.freePort("0.0.0.0");
                    docker("run", "-d", "--name", HAND, "-p", handPort + ":80", "lpm/busybox:test",
                            "httpd", "-f", "-p", "80", "-h", "/www");
                    // The guard stops an exposed container well within this window when the switch is on.
                    await("the exposed container keeps running while the kill switch is off")
                            .during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                            .until(() -> docker("inspect", "-f", "{{.State.Running}}", HAND).strip().equals("true")
                                    && lpm.parts().vpn().blockedContainers().isEmpty());

                    // ... and turned on again, the guard stops it at once, without a new container event.
                    toggleKillSwitchInTheTray(true);
                    XembedTray.awaitColour(robot, icon, TrayState.BLOCKED, AwtTrayOnXvfbTest.FILL);
                    assertThat(docker("inspect", "-f", "{{.State.Running}}", HAND).strip()).isEqualTo("false");
                    await("a Notify about the block").atMost(WAIT).until(() -> notifications.calls.stream()
                            .anyMatch(c -> c.summary().equals("Container blocked: " + HAND)));
                    assertThat(notifications.calls).filteredOn(c -> c.summary().contains(HAND)).singleElement()
                            .satisfies(c -> assertThat(c.urgency()).isEqualTo((byte) 2));

                    ui.app().actions().showWindow();
                    await("window shown").atMost(WAIT).until(() -> started.app().stage().isShowing());
                    fx.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
                    await("the blocked container listed in the window").atMost(WAIT).until(() -> onFx(() ->
                            fx.lookup((Node n) -> n instanceof Labeled l && HAND.equals(l.getText())).tryQuery().isPresent()));
                }
            } finally {
                docker("rm", "-f", HAND);
                if (ui != null) {
                    ui.close();
                }
                lpm.close();
            }
            trayer.awaitIconGone(before);
        }
    }

    private static void registerInTheDialog(DesktopUi ui, String name, String command) {
        FxRobot fx = new FxRobot();
        ui.app().actions().showRegisterDialog();
        awaitOnScreen(fx, "#name");
        fx.clickOn("#name").write(name);
        fx.clickOn("#command").write(command);
        fx.clickOn("#registerButton");
        await("register dialog closed").atMost(WAIT).until(() -> onFx(() -> fx.lookup("#name").tryQuery().isEmpty()));
    }

    /**
     * Waits until the node {@code query} finds is shown and laid out inside its window's scene, so that a click
     * can reach it: on a loaded machine a dialog's nodes exist a while before they are visible.
     */
    private static void awaitOnScreen(FxRobot fx, String query) {
        await(query + " on screen").atMost(WAIT).until(() -> onFx(() -> fx.lookup(query).tryQuery()
                .filter(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()
                        && shown(n) && new javafx.geometry.BoundingBox(0, 0, n.getScene().getWidth(),
                        n.getScene().getHeight()).contains(n.localToScene(n.getBoundsInLocal())))
                .isPresent()));
    }

    /**
     * Reads the scene graph on the FX thread. Read from the polling thread, a node can compute and cache its bounds
     * in the middle of a layout and keep them: the welcome's OK button then stayed "outside" its dialog for good.
     */
    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(read).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Flips the kill switch the way a click on the tray menu's checkbox does (its ItemListener). */
    private static void toggleKillSwitchInTheTray(boolean on) throws Exception {
        PopupMenu popup = trayPopup();
        for (int i = 0; i < popup.getItemCount(); i++) {
            if (popup.getItem(i) instanceof java.awt.CheckboxMenuItem toggle
                    && toggle.getLabel().equals(dev.lpm.ui.tray.TrayMenu.KILL_SWITCH)) {
                EventQueue.invokeAndWait(() -> {
                    toggle.setState(on);
                    toggle.dispatchEvent(new java.awt.event.ItemEvent(toggle, java.awt.event.ItemEvent.ITEM_STATE_CHANGED,
                            toggle.getLabel(), on ? java.awt.event.ItemEvent.SELECTED : java.awt.event.ItemEvent.DESELECTED));
                });
                return;
            }
        }
        throw new AssertionError("no kill switch toggle in the tray menu");
    }

    /** The AWT menu lpm's tray icon really carries. */
    private static PopupMenu trayPopup() {
        return SystemTray.getSystemTray().getTrayIcons()[0].getPopupMenu();
    }

    /** The item of the service's submenu in the AWT menu the tray icon really carries. */
    private static MenuItem trayMenuItem(String service, String labelStart) {
        PopupMenu popup = trayPopup();
        for (int i = 0; i < popup.getItemCount(); i++) {
            if (popup.getItem(i) instanceof Menu sub && sub.getLabel().startsWith(service + " ")) {
                for (int j = 0; j < sub.getItemCount(); j++) {
                    if (sub.getItem(j).getLabel().startsWith(labelStart)) {
                        return sub.getItem(j);
                    }
                }
            }
        }
        throw new AssertionError("no tray menu item '" + labelStart + "' for " + service);
    }

    private static int throughProxy(int proxyPort, String service) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/"))
                .header("Host", service + ".localhost").timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}

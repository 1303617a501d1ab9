package dev.lpm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.config.LpmHome;
import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlRequest;
import dev.lpm.testsupport.HostProcesses;
import dev.lpm.testsupport.HostTun;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.PrivateSessionBus;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.SniHost;
import dev.lpm.testsupport.SniWatcher;
import dev.lpm.testsupport.XembedTray;
import dev.lpm.ui.DesktopUi;
import dev.lpm.ui.tray.AwtTrayOnXvfbTest;
import dev.lpm.ui.tray.DbusMenuBus;
import dev.lpm.ui.tray.DbusMenuModel;
import dev.lpm.ui.tray.StatusNotifierItemBus;
import dev.lpm.ui.tray.TrayMenu;
import dev.lpm.ui.tray.TrayState;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The native tray of issue 17 with real parts: a private session bus, Xvfb (the test's display), Debian's
 * status-notifier-watcher and the gtk-sni-tray-standalone host, and lpm's desktop app over a real
 * instance. lpm's item is registered and drawn; its Status, ToolTip and icon follow a VPN (a tun device)
 * and a container the kill switch stops (turned on through the item's own dbusmenu); the window opens from a
 * dbusmenu Event on "Open LocalPortManager", from a left click on the icon in the host's bar, and from that
 * entry in the menu the host draws. The screenshots it judged are kept in target/sni-tray/.
 */
class SniTrayIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TUN = "lpmtest-sni0";
    private static final String HAND = "lpmtest-sni-hand";
    /** The host window's screenshots the test judged, kept to be looked at (CI keeps target/). */
    private static final Path SHOTS = Path.of("target", "sni-tray");

    @TempDir
    Path home;

    @Test
    void lpmsItemIsRegisteredDrawnFollowsTheStateAndItsMenuOpensTheWindow() throws Exception {
        SniHost.require();
        SniWatcher.require();
        Requirements.requireDockerEngine();
        Requirements.requireTunDevices();
        // The VPN stand-in is named lpmtest-*, so the detector is told that name and only it (no tunN of another
        // test on this machine counts); the kill switch starts off so that nothing is stopped before this test's
        // own container runs.
        Files.writeString(home.resolve("settings.json"), "{\"killSwitch\": false, \"vpn\": {\"interfaceNames\": [], "
                + "\"nameSubstrings\": [\"" + TUN + "\"]}}");
        Files.writeString(home.resolve(FirstStart.MARKER), ""); // no welcome: the window starts hidden
        int proxyPort = LpmCli.freePort();
        try (HostProcesses host = new HostProcesses();
             PrivateSessionBus bus = PrivateSessionBus.start();
             SniWatcher watcher = SniWatcher.start(bus.address)) {
            SniHost tray = SniHost.start(host, bus.address);
            Robot robot = new Robot();
            BufferedImage empty = tray.screenshot(robot);
            SniHost.save(empty, SHOTS.resolve("0-empty.png"));
            assertThat(XembedTray.colourCounts(empty, AwtTrayOnXvfbTest.FILL).values()).as("an empty bar")
                    .allMatch(count -> count < 10);
            Lpm lpm = Lpm.start(new LpmHome(home), Clock.systemUTC(), proxyPort);
            DesktopUi ui = null;
            try {
                ui = DesktopCommand.startUi(lpm, uri -> { }, Optional.of(bus.address), null);
                DesktopUi started = ui;
                assertThat(ui.trayKind()).isEqualTo("StatusNotifierItem");
                assertThat(new ControlClient(new LpmHome(home).controlSocket()).call(new ControlRequest.Status())
                        .get("tray").asText()).isEqualTo("StatusNotifierItem");
                String item = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
                await("lpm's item registered with the watcher").atMost(WAIT)
                        .until(() -> watcher.registered().stream().anyMatch(r -> r.contains(item)));

                // drawn by the host: the green shield of "secure"
                tray.awaitColour(robot, TrayState.SECURE, AwtTrayOnXvfbTest.FILL, SHOTS.resolve("1-secure.png"));
                DBusConnection panel = watcher.client();
                Properties props = panel.getRemoteObject(item, StatusNotifierItemBus.OBJECT_PATH, Properties.class);
                assertThat(status(props)).isEqualTo("Active");
                assertThat(tooltip(props)).contains("no VPN").contains("kill switch off");
                assertThat(started.app().stage().isShowing()).isFalse();

                try (HostTun vpn = HostTun.up(TUN, "10.213.98.2/24")) {
                    await("VPN active").atMost(WAIT).until(() -> lpm.parts().vpn().vpn().active());
                    await("tooltip names the VPN").atMost(WAIT).until(() -> tooltip(props).contains("VPN active (" + TUN + ")"));
                    assertThat(status(props)).isEqualTo("Active");
                    tray.awaitColour(robot, TrayState.VPN_ACTIVE, AwtTrayOnXvfbTest.FILL, SHOTS.resolve("2-vpn.png"));

                    int handPort = HostProcesses.freePort("0.0.0.0");
                    docker("run", "-d", "--name", HAND, "-p", handPort + ":80", "lpm/busybox:test",
                            "httpd", "-f", "-p", "80", "-h", "/www");
                    await("the container runs").atMost(WAIT)
                            .until(() -> docker("inspect", "-f", "{{.State.Running}}", HAND).strip().equals("true"));
                    // The instance's guard stops every exposed container once the switch is on: make sure the
                    // shared engine has no one else's before turning it on.
                    Requirements.require(othersExposed().isEmpty(), "needs an engine where no other container "
                            + "publishes on a non-loopback address (the kill switch would stop it): " + othersExposed());

                    // the kill switch on through the item's own menu, as a click in the panel sends it
                    DbusMenuBus menu = panel.getRemoteObject(item, DbusMenuBus.OBJECT_PATH, DbusMenuBus.class);
                    menu.Event(menuId(menu, TrayMenu.KILL_SWITCH), "clicked", new Variant<>(0), new UInt32(0));
                    await("the container blocked").atMost(WAIT).until(() -> !lpm.parts().vpn().blockedContainers().isEmpty());
                    await("NeedsAttention").atMost(WAIT).until(() -> status(props).equals("NeedsAttention"));
                    assertThat(tooltip(props)).startsWith("lpm: 1 container blocked");
                    tray.awaitColour(robot, TrayState.BLOCKED, AwtTrayOnXvfbTest.FILL, SHOTS.resolve("3-blocked.png"));

                    // "Open LocalPortManager": a dbusmenu Event on it, as a panel sends it, opens the window ...
                    menu.Event(menuId(menu, TrayMenu.OPEN_WINDOW), "clicked", new Variant<>(0), new UInt32(0));
                    await("the window opened by a dbusmenu Event").atMost(WAIT).until(() -> started.app().stage().isShowing());
                    hide(started);

                    // ... so does a left click on the icon in the host's bar (the host calls Activate) ...
                    tray.click(robot, InputEvent.BUTTON1_DOWN_MASK);
                    await("the window opened by a click on the icon").atMost(WAIT).until(() -> started.app().stage().isShowing());
                    hide(started);

                    // ... and the entry in the menu the host draws with libdbusmenu-gtk from the item's layout: chosen
                    // with the keyboard, from the bottom (the menu ends with Open, then Quit; the keys skip
                    // separators and disabled items), as the host's pixels carry no labels to find it by.
                    assertThat(topLabels(menu)).endsWith(TrayMenu.OPEN_WINDOW, TrayMenu.QUIT);
                    tray.openMenu(robot, SHOTS.resolve("4-menu.png"));
                    SniHost.type(robot, KeyEvent.VK_UP, KeyEvent.VK_UP, KeyEvent.VK_ENTER);
                    await("the window opened from the host's menu").atMost(WAIT).until(() -> started.app().stage().isShowing());
                    assertThat(lpm.settings().killSwitch()).as("the kill switch entry was not the one chosen").isTrue();
                }
            } finally {
                docker("rm", "-f", HAND);
                if (ui != null) {
                    ui.close();
                }
                lpm.close();
            }
            await("lpm's item gone from the watcher").atMost(WAIT)
                    .until(() -> watcher.registered().stream().noneMatch(r -> r.contains("StatusNotifierItem-"
                            + ProcessHandle.current().pid())));
        }
    }

    private static String status(Properties props) {
        return String.valueOf(props.<Object>Get(StatusNotifierItemBus.INTERFACE, "Status"));
    }

    private static String tooltip(Properties props) {
        Object[] struct = props.Get(StatusNotifierItemBus.INTERFACE, "ToolTip");
        return String.valueOf(struct[3]);
    }

    private static void hide(DesktopUi ui) {
        new FxRobot().interact(() -> ui.app().stage().hide());
        await("the window hidden").atMost(WAIT).until(() -> !ui.app().stage().isShowing());
    }

    /** The labels of the menu's top-level items in order, as a host reads its layout ("-" for a separator). */
    private static List<String> topLabels(DbusMenuBus menu) {
        List<String> labels = new ArrayList<>();
        for (Variant<?> child : menu.GetLayout(DbusMenuModel.ROOT, 1, List.of()).second.children) {
            Map<?, ?> props = child.getValue() instanceof Object[] struct ? (Map<?, ?>) struct[1]
                    : ((DbusMenuBus.Layout) child.getValue()).properties;
            Object type = props.get("type") instanceof Variant<?> v ? v.getValue() : null;
            Object label = props.get("label") instanceof Variant<?> v ? v.getValue() : null;
            labels.add("separator".equals(type) ? "-" : String.valueOf(label));
        }
        return labels;
    }

    /** The id of the top-level item with this label, found the way a host does: by its properties. */
    private static int menuId(DbusMenuBus menu, String label) {
        return menu.GetGroupProperties(List.of(), List.of("label")).stream()
                .filter(p -> p.properties.containsKey("label") && label.equals(p.properties.get("label").getValue()))
                .findFirst().orElseThrow(() -> new AssertionError("no menu item " + label)).id;
    }

    /** Containers other than this test's that publish a port on a non-loopback address. */
    private static List<String> othersExposed() throws Exception {
        List<String> exposed = new ArrayList<>();
        for (String line : docker("ps", "--format", "{{.Names}}\t{{.Ports}}").split("\n")) {
            String[] parts = line.split("\t", 2);
            if (parts.length == 2 && !parts[0].equals(HAND) && parts[1].contains("->")
                    && java.util.Arrays.stream(parts[1].split(", ")).anyMatch(p -> p.contains("->")
                    && !p.startsWith("127.") && !p.startsWith("[::1]"))) {
                exposed.add(parts[0]);
            }
        }
        return exposed;
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}

package dev.lpm.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceState;
import dev.lpm.testsupport.HostProcesses;
import dev.lpm.testsupport.XembedTray;
import static org.awaitility.Awaitility.await;
import dev.lpm.ui.FakeDesktopBackend;
import dev.lpm.ui.FxEvents;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AWT tray icon in a real XEmbed tray: {@code trayer} on the test's X server (Xvfb under bin/test).
 * The icon must appear inside trayer's panel, its pixels on screen must follow the state, and a click on
 * it must open the window.
 */
public class AwtTrayOnXvfbTest {

    /** The shield fill of each state's SVG (icons/src). */
    public static final Map<TrayState, Color> FILL = new EnumMap<>(Map.of(
            TrayState.SECURE, new Color(0x2e9e48), TrayState.VPN_ACTIVE, new Color(0x1f6fd6),
            TrayState.BLOCKED, new Color(0xd92b2b), TrayState.PROBLEM, new Color(0xf5a800)));

    static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void iconIsEmbeddedInTheTrayAndItsColourFollowsTheState() throws Exception {
        try (HostProcesses host = new HostProcesses()) {
            XembedTray trayer = XembedTray.start(host);
            List<Rectangle> before = trayer.windows();

            FakeDesktopBackend backend = new FakeDesktopBackend();
            backend.put("lpmtest-api", "x {port}", ServiceState.RUNNING);
            FxEvents events = new FxEvents(backend.bus, Runnable::run);
            TrayMenuTest.RecordingActions actions = new TrayMenuTest.RecordingActions();
            TrayController tray = TrayController.install(backend, events, actions, new AwtTrayIndicator());
            try {
                Rectangle icon = trayer.awaitNewIcon(before);
                Robot robot = new Robot();
                XembedTray.awaitColour(robot, icon, TrayState.SECURE, FILL);

                backend.setVpn(TrayStateModelTest.TUN0);
                XembedTray.awaitColour(robot, icon, TrayState.VPN_ACTIVE, FILL);

                backend.publish(new LpmEvent.ContainerBlocked(new BlockEvent("c1", "lpmtest-web", "nginx",
                        List.of("0.0.0.0:8080->80/tcp"), "publishes 0.0.0.0:8080->80/tcp", Instant.now(),
                        Duration.ofMillis(30)), Instant.now()));
                XembedTray.awaitColour(robot, icon, TrayState.BLOCKED, FILL);
                assertThat(tray.status().tooltip()).startsWith("lpm: 1 container blocked");

                // a left click on the icon opens the window
                robot.mouseMove(icon.x + icon.width / 2, icon.y + icon.height / 2);
                robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
                robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
                await("showWindow after a click on the icon").atMost(XembedTray.WAIT)
                        .until(() -> actions.calls.contains("window"));
            } finally {
                tray.close();
                events.close();
            }
            trayer.awaitIconGone(before);
        }
    }
}

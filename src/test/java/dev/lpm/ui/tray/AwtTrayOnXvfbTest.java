package dev.lpm.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceState;
import dev.lpm.testsupport.HostProcesses;
import dev.lpm.testsupport.Requirements;
import dev.lpm.ui.FakeDesktopBackend;
import dev.lpm.ui.FxEvents;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.SystemTray;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The AWT tray icon in a real XEmbed tray: {@code trayer} on the test's X server (Xvfb under bin/test).
 * The icon must appear inside trayer's panel, its pixels on screen must follow the state, and a click on
 * it must open the window.
 */
class AwtTrayOnXvfbTest {

    /** The shield fill of each state's SVG (icons/src). */
    static final Map<TrayState, Color> FILL = new EnumMap<>(Map.of(
            TrayState.SECURE, new Color(0x2e9e48), TrayState.VPN_ACTIVE, new Color(0x1f6fd6),
            TrayState.BLOCKED, new Color(0xd92b2b), TrayState.PROBLEM, new Color(0xf5a800)));

    static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void iconIsEmbeddedInTheTrayAndItsColourFollowsTheState() throws Exception {
        Requirements.requireDisplay();
        Requirements.requireCommand("trayer", "trayer");
        Requirements.requireCommand("xwininfo", "x11-utils");
        try (HostProcesses host = new HostProcesses()) {
            host.start("trayer", "--edge", "top", "--align", "left", "--widthtype", "request", "--height", "32",
                    "--transparent", "false", "--tint", "0xffffff", "--SetDockType", "true");
            await("trayer owns _NET_SYSTEM_TRAY_S0", () -> SystemTray.isSupported() ? Optional.of(true)
                    : Optional.empty());
            String panel = await("trayer's panel window", AwtTrayOnXvfbTest::panelWindow);
            List<Rectangle> before = windowsInside(panel);

            FakeDesktopBackend backend = new FakeDesktopBackend();
            backend.put("lpmtest-api", "x {port}", ServiceState.RUNNING);
            FxEvents events = new FxEvents(backend.bus, Runnable::run);
            TrayMenuTest.RecordingActions actions = new TrayMenuTest.RecordingActions();
            TrayController tray = TrayController.install(backend, events, actions, new AwtTrayIndicator());
            try {
                Rectangle icon = await("a new icon window inside trayer's panel", () -> windowsInside(panel).stream()
                        .filter(r -> !before.contains(r) && r.width >= 16 && r.height >= 16).findFirst());
                Robot robot = new Robot();
                awaitColour(robot, icon, TrayState.SECURE);

                backend.setVpn(TrayStateModelTest.TUN0);
                awaitColour(robot, icon, TrayState.VPN_ACTIVE);

                backend.publish(new LpmEvent.ContainerBlocked(new BlockEvent("c1", "lpmtest-web", "nginx",
                        List.of("0.0.0.0:8080->80/tcp"), "publishes 0.0.0.0:8080->80/tcp", Instant.now(),
                        Duration.ofMillis(30)), Instant.now()));
                awaitColour(robot, icon, TrayState.BLOCKED);
                assertThat(tray.status().tooltip()).startsWith("lpm: 1 container blocked");

                // a left click on the icon opens the window
                robot.mouseMove(icon.x + icon.width / 2, icon.y + icon.height / 2);
                robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
                robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
                await("showWindow after a click on the icon", () -> actions.calls.contains("window")
                        ? Optional.of(true) : Optional.empty());
            } finally {
                tray.close();
                events.close();
            }
            await("the icon window gone from the panel after close", () -> windowsInside(panel).stream()
                    .noneMatch(r -> !before.contains(r) && r.width >= 16) ? Optional.of(true) : Optional.empty());
        }
    }

    /** Waits until the state's colour covers most of the icon (and no other state's colour does). */
    static void awaitColour(Robot robot, Rectangle icon, TrayState expected) throws InterruptedException {
        Map<TrayState, Integer> last = new EnumMap<>(TrayState.class);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            last = colourCounts(robot.createScreenCapture(icon));
            int total = icon.width * icon.height;
            TrayState top = last.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            if (top == expected && last.get(expected) > total / 5) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("icon at " + icon + " never showed " + expected + "; pixels near each state colour: "
                + last);
    }

    static Map<TrayState, Integer> colourCounts(BufferedImage image) {
        Map<TrayState, Integer> counts = new EnumMap<>(TrayState.class);
        FILL.keySet().forEach(s -> counts.put(s, 0));
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                FILL.forEach((state, fill) -> {
                    if (distance(c, fill) < 60) {
                        counts.merge(state, 1, Integer::sum);
                    }
                });
            }
        }
        return counts;
    }

    static double distance(Color a, Color b) {
        int r = a.getRed() - b.getRed();
        int g = a.getGreen() - b.getGreen();
        int bl = a.getBlue() - b.getBlue();
        return Math.sqrt(r * r + g * g + bl * bl);
    }

    /** trayer's top-level window is named "panel" with class "panel", "trayer". */
    static Optional<String> panelWindow() {
        Matcher m = Pattern.compile("(?m)^\\s+(0x[0-9a-f]+) \"panel\": \\(\"panel\" \"trayer\"\\)")
                .matcher(run("xwininfo", "-root", "-tree"));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Every window below {@code window}, as its absolute rectangle on screen. */
    static List<Rectangle> windowsInside(String window) {
        Pattern line = Pattern.compile("(?m)^\\s+0x[0-9a-f]+ .*?\\s(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)\\s*$");
        Matcher m = line.matcher(run("xwininfo", "-tree", "-id", window));
        List<Rectangle> found = new ArrayList<>();
        while (m.find()) {
            found.add(new Rectangle(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        return found;
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "\n" + run("xwininfo", "-root", "-tree"));
    }
}

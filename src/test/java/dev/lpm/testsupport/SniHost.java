package dev.lpm.testsupport;

import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real StatusNotifierItem host on the test's X server: {@code gtk-sni-tray-standalone} (Debian's
 * haskell-gtk-sni-tray-utils), a GTK bar at the top of the screen that draws every registered item with
 * libdbusmenu for its menus. Started through {@link HostProcesses}; reads its window's pixels.
 */
public final class SniHost {

    private final Rectangle window;

    private SniHost(Rectangle window) {
        this.window = window;
    }

    /** Starts the host on {@code busAddress} (its watcher must already run) and waits for its window. */
    public static SniHost start(HostProcesses host, String busAddress) {
        require();
        host.start(Map.of("DBUS_SESSION_BUS_ADDRESS", busAddress, "NO_AT_BRIDGE", "1"),
                "gtk-sni-tray-standalone", "--top", "--size", "32", "--color", "#ffffff", "--no-strut");
        AtomicReference<Rectangle> found = new AtomicReference<>();
        await("gtk-sni-tray-standalone's window").atMost(XembedTray.WAIT).until(() -> {
            found.set(find(XembedTray.run("xwininfo", "-root", "-tree")));
            return found.get() != null;
        });
        return new SniHost(found.get());
    }

    public static void require() {
        Requirements.requireDisplay();
        Requirements.requireCommand("gtk-sni-tray-standalone", "haskell-gtk-sni-tray-utils");
        Requirements.requireCommand("xwininfo", "x11-utils");
    }

    /** The bar: the top-level window of the program, as {@code xwininfo -root -tree} lists it. */
    static Rectangle find(String tree) {
        // its name or its WM_CLASS carries the program's name: `0x... "NAME": ("CLASS" "Class")  WxH+X+Y  +X+Y`
        Matcher m = Pattern.compile("(?mi)^\\s+0x[0-9a-f]+ .*gtk-sni-tray-standalone.*?\\s(\\d+)x(\\d+)\\+(-?\\d+)\\+(-?\\d+)"
                + "\\s+\\+(-?\\d+)\\+(-?\\d+)\\s*$")
                .matcher(tree);
        while (m.find()) {
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            if (w > 1 && h > 1) {
                return new Rectangle(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), w, h);
            }
        }
        return null;
    }

    public Rectangle window() {
        return window;
    }

    /** A screenshot of the host's window. */
    public BufferedImage screenshot(Robot robot) {
        return robot.createScreenCapture(window);
    }

    /** Waits until {@code expected} is the palette colour with the most pixels in the window, at least 40. */
    public <K> void awaitColour(Robot robot, K expected, Map<K, Color> palette) {
        AtomicReference<Map<K, Integer>> last = new AtomicReference<>();
        await().atMost(XembedTray.WAIT).alias("the host's window " + window + " showing " + expected + " (last: "
                + last + ")").until(() -> {
            Map<K, Integer> counts = XembedTray.colourCounts(screenshot(robot), palette);
            last.set(counts);
            K top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            return top.equals(expected) && counts.get(expected) >= 40;
        });
    }

    /** How many pixels of the window are near each palette colour now. */
    public <K> Map<K, Integer> colours(Robot robot, Map<K, Color> palette) {
        return XembedTray.colourCounts(screenshot(robot), palette);
    }
}

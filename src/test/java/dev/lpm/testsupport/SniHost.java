package dev.lpm.testsupport;

import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real StatusNotifierItem host on the test's X server: {@code gtk-sni-tray-standalone} (Debian's
 * haskell-gtk-sni-tray-utils), a GTK bar at the top of the screen that draws every registered item with
 * libdbusmenu for its menus. Started through {@link HostProcesses}; reads its window's pixels.
 */
public final class SniHost {

    private final AtomicReference<Rectangle> window;

    private SniHost(Rectangle window) {
        this.window = new AtomicReference<>(window);
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

    /**
     * The bar: the largest top-level window of the program, as {@code xwininfo -root -tree} lists it. GTK
     * also makes an unmapped 10x10 client-leader window with the same name and class, which is never drawn.
     */
    static Rectangle find(String tree) {
        // its name or its WM_CLASS carries the program's name: `0x... "NAME": ("CLASS" "Class")  WxH+X+Y  +X+Y`
        Matcher m = Pattern.compile("(?mi)^\\s+0x[0-9a-f]+ .*gtk-sni-tray-standalone.*?\\s(\\d+)x(\\d+)\\+(-?\\d+)\\+(-?\\d+)"
                + "\\s+\\+(-?\\d+)\\+(-?\\d+)\\s*$")
                .matcher(tree);
        Rectangle largest = null;
        while (m.find()) {
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            if (w > 10 && h > 10 && (largest == null || w * h > largest.width * largest.height)) {
                largest = new Rectangle(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), w, h);
            }
        }
        return largest;
    }

    /** The bar's rectangle now (it grows and shrinks with its items). */
    public Rectangle window() {
        Rectangle now = find(XembedTray.run("xwininfo", "-root", "-tree"));
        if (now != null) {
            window.set(now);
        }
        return window.get();
    }

    /** A screenshot of the host's window. */
    public BufferedImage screenshot(Robot robot) {
        return robot.createScreenCapture(window());
    }

    /**
     * Waits until {@code expected} is the palette colour with the most pixels in the window, at least 40, and
     * keeps the last screenshot it judged as {@code saveAs} (a PNG) to be looked at.
     */
    public <K> void awaitColour(Robot robot, K expected, Map<K, Color> palette, Path saveAs) {
        AtomicReference<Map<K, Integer>> last = new AtomicReference<>();
        AtomicReference<BufferedImage> shot = new AtomicReference<>();
        try {
            await().atMost(XembedTray.WAIT).alias("the host's window showing " + expected).until(() -> {
                shot.set(screenshot(robot));
                Map<K, Integer> counts = XembedTray.colourCounts(shot.get(), palette);
                last.set(counts);
                K top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                return top.equals(expected) && counts.get(expected) >= 40;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the host's window " + window.get() + " does not show " + expected
                    + "; pixels near each colour: " + last.get() + " (screenshot: " + saveAs + ")", e);
        } finally {
            save(shot.get(), saveAs);
        }
    }

    /** How many pixels of the window are near each palette colour now. */
    public <K> Map<K, Integer> colours(Robot robot, Map<K, Color> palette) {
        return XembedTray.colourCounts(screenshot(robot), palette);
    }

    /** Writes {@code image} as a PNG (nothing when there is none). */
    public static void save(BufferedImage image, Path file) {
        if (image == null || file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.lpm.testsupport;

import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real StatusNotifierItem host on the test's X server: {@code gtk-sni-tray-standalone} (Debian's
 * haskell-gtk-sni-tray-utils), a GTK bar at the top of the screen that draws every registered item, calls
 * Activate on a left click and shows the item's menu with libdbusmenu-gtk on a right click. Started through
 * {@link HostProcesses}; reads its windows' pixels and clicks in them as a user does.
 */
public final class SniHost {

    /** A top-level window of the program in {@code xwininfo -root -tree}: id, then WxH+X+Y and the absolute +X+Y. */
    private static final Pattern PROGRAM_WINDOW = Pattern.compile(
            "(?mi)^\\s+(0x[0-9a-f]+) .*gtk-sni-tray-standalone.*?\\s(\\d+)x(\\d+)\\+(-?\\d+)\\+(-?\\d+)"
                    + "\\s+\\+(-?\\d+)\\+(-?\\d+)\\s*$");

    private final String bar;
    private final AtomicReference<Rectangle> window;

    private SniHost(String bar, Rectangle window) {
        this.bar = bar;
        this.window = new AtomicReference<>(window);
    }

    /** Starts the host on {@code busAddress} (its watcher must already run) and waits for its bar. */
    public static SniHost start(HostProcesses host, String busAddress) {
        require();
        host.start(Map.of("DBUS_SESSION_BUS_ADDRESS", busAddress, "NO_AT_BRIDGE", "1"),
                "gtk-sni-tray-standalone", "--top", "--size", "32", "--color", "#ffffff", "--no-strut");
        AtomicReference<Map.Entry<String, Rectangle>> found = new AtomicReference<>();
        await("gtk-sni-tray-standalone's window").atMost(XembedTray.WAIT).until(() -> {
            found.set(find(XembedTray.run("xwininfo", "-root", "-tree")));
            return found.get() != null;
        });
        return new SniHost(found.get().getKey(), found.get().getValue());
    }

    public static void require() {
        Requirements.requireDisplay();
        Requirements.requireCommand("gtk-sni-tray-standalone", "haskell-gtk-sni-tray-utils");
        Requirements.requireCommand("xwininfo", "x11-utils");
    }

    /**
     * The bar, right after the start: the largest top-level window of the program, as {@code xwininfo -root
     * -tree} lists it. GTK also makes an unmapped 10x10 client-leader window with the same name and class,
     * which is never drawn. (Later, a menu the host shows is a window of the program too.)
     */
    static Map.Entry<String, Rectangle> find(String tree) {
        Map.Entry<String, Rectangle> largest = null;
        for (Map.Entry<String, Rectangle> w : windows(tree).entrySet()) {
            Rectangle r = w.getValue();
            if (r.width > 10 && r.height > 10 && (largest == null
                    || r.width * r.height > largest.getValue().width * largest.getValue().height)) {
                largest = w;
            }
        }
        return largest;
    }

    /** Every top-level window of the program, by id, as its absolute rectangle. */
    static Map<String, Rectangle> windows(String tree) {
        Map<String, Rectangle> found = new LinkedHashMap<>();
        Matcher m = PROGRAM_WINDOW.matcher(tree);
        while (m.find()) {
            found.put(m.group(1), new Rectangle(Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        return found;
    }

    /** The bar's rectangle now (it may grow and shrink with its items). */
    public Rectangle window() {
        Rectangle now = windows(XembedTray.run("xwininfo", "-root", "-tree")).get(bar);
        if (now != null) {
            window.set(now);
        }
        return window.get();
    }

    /** A screenshot of the host's bar. */
    public BufferedImage screenshot(Robot robot) {
        return robot.createScreenCapture(window());
    }

    /** A click with {@code button} (an InputEvent mask) in the middle of the bar, where the host draws lpm's icon. */
    public void click(Robot robot, int button) {
        Rectangle r = window();
        robot.mouseMove(r.x + r.width / 2, r.y + r.height / 2);
        robot.delay(100);
        robot.mousePress(button);
        robot.delay(50);
        robot.mouseRelease(button);
    }

    /**
     * Right-clicks the icon and waits for the menu the host draws from the item's dbusmenu: a viewable window
     * of the program other than the bar. Keeps a screenshot of it as {@code saveAs}.
     */
    public Rectangle openMenu(Robot robot, Path saveAs) {
        click(robot, InputEvent.BUTTON3_DOWN_MASK);
        AtomicReference<Rectangle> menu = new AtomicReference<>();
        await("the host's menu for the item").atMost(XembedTray.WAIT).until(() -> {
            windows(XembedTray.run("xwininfo", "-root", "-tree")).entrySet().stream()
                    .filter(w -> !w.getKey().equals(bar) && w.getValue().width > 10 && w.getValue().height > 10)
                    .filter(w -> XembedTray.run("xwininfo", "-id", w.getKey()).contains("IsViewable"))
                    .findFirst().ifPresent(w -> menu.set(w.getValue()));
            return menu.get() != null;
        });
        robot.delay(300); // drawn, not only mapped
        save(robot.createScreenCapture(menu.get()), saveAs);
        return menu.get();
    }

    /** Presses and releases {@code keys} (KeyEvent codes) in turn, as typed into whatever has the keyboard. */
    public static void type(Robot robot, int... keys) {
        for (int key : keys) {
            robot.keyPress(key);
            robot.delay(50);
            robot.keyRelease(key);
            robot.delay(150);
        }
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

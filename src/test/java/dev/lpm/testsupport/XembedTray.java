package dev.lpm.testsupport;

import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.SystemTray;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real XEmbed system tray on the test's X server: {@code trayer}, started through
 * {@link HostProcesses} (so it is stopped with them). Finds the icon windows embedded in its panel
 * with {@code xwininfo} and reads their pixels from the screen.
 */
public final class XembedTray {

    public static final Duration WAIT = Duration.ofSeconds(15);

    private final String panel;

    private XembedTray(String panel) {
        this.panel = panel;
    }

    /** Starts trayer at the top left and waits until it owns the tray selection. */
    public static XembedTray start(HostProcesses host) {
        Requirements.requireDisplay();
        Requirements.requireCommand("trayer", "trayer");
        Requirements.requireCommand("xwininfo", "x11-utils");
        host.start("trayer", "--edge", "top", "--align", "left", "--widthtype", "request", "--height", "32",
                "--transparent", "false", "--tint", "0xffffff", "--SetDockType", "true");
        await("trayer owns _NET_SYSTEM_TRAY_S0").atMost(WAIT).until(SystemTray::isSupported);
        AtomicReference<String> panel = new AtomicReference<>();
        await("trayer's panel window").atMost(WAIT).until(() -> {
            // trayer's top-level window is named "panel" with class "panel", "trayer".
            Matcher m = Pattern.compile("(?m)^\\s+(0x[0-9a-f]+) \"panel\": \\(\"panel\" \"trayer\"\\)")
                    .matcher(run("xwininfo", "-root", "-tree"));
            if (m.find()) {
                panel.set(m.group(1));
                return true;
            }
            return false;
        });
        return new XembedTray(panel.get());
    }

    /** Every window below the panel, as its absolute rectangle on screen. */
    public List<Rectangle> windows() {
        Pattern line = Pattern.compile(
                "(?m)^\\s+0x[0-9a-f]+ .*?\\s(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)\\s*$");
        Matcher m = line.matcher(run("xwininfo", "-tree", "-id", panel));
        List<Rectangle> found = new ArrayList<>();
        while (m.find()) {
            found.add(new Rectangle(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        return found;
    }

    /** Waits for an icon-sized window that was not in {@code before}. */
    public Rectangle awaitNewIcon(List<Rectangle> before) {
        AtomicReference<Rectangle> icon = new AtomicReference<>();
        await("a new icon window inside trayer's panel").atMost(WAIT).until(() -> {
            windows().stream().filter(r -> !before.contains(r) && r.width >= 16 && r.height >= 16).findFirst()
                    .ifPresent(icon::set);
            return icon.get() != null;
        });
        return icon.get();
    }

    /** Waits until no icon-sized window beyond {@code before} is left. */
    public void awaitIconGone(List<Rectangle> before) {
        await("the icon window gone from the panel").atMost(WAIT).until(() ->
                windows().stream().noneMatch(r -> !before.contains(r) && r.width >= 16));
    }

    /**
     * Waits until {@code expected} (one of {@code palette}'s keys) is the colour covering most of the icon,
     * and at least a fifth of it.
     */
    public static <K> void awaitColour(Robot robot, Rectangle icon, K expected, Map<K, Color> palette) {
        AtomicReference<Map<K, Integer>> last = new AtomicReference<>();
        await().atMost(WAIT).alias("icon at " + icon + " showing " + expected).until(() -> {
            Map<K, Integer> counts = colourCounts(robot.createScreenCapture(icon), palette);
            last.set(counts);
            K top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            return top.equals(expected) && counts.get(expected) > icon.width * icon.height / 5;
        });
    }

    public static <K> Map<K, Integer> colourCounts(BufferedImage image, Map<K, Color> palette) {
        Map<K, Integer> counts = new java.util.HashMap<>();
        palette.keySet().forEach(k -> counts.put(k, 0));
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                palette.forEach((key, fill) -> {
                    if (distance(c, fill) < 60) {
                        counts.merge(key, 1, Integer::sum);
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
}

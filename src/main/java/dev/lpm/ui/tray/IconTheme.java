package dev.lpm.ui.tray;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a StatusNotifierItem's IconName finds lpm's tray icons: the hicolor theme when a package installed
 * them ({@code lpm-tray-secure.png} etc.), else a private copy of the PNGs in the jar, which the item
 * announces as its IconThemePath (hosts add it to their search path). Either way hosts can pick the size
 * themselves; the pixmaps are still sent for hosts that ignore names. Reads and writes files: call it off
 * the FX thread.
 *
 * @param prefix    the icon names' prefix: "lpm-" + {@link TrayState#iconName()}
 * @param themePath the IconThemePath to announce; empty when the system theme has the icons
 */
record IconTheme(String prefix, String themePath) {

    static final String PREFIX = "lpm-";

    /** The installed icons, or a private copy; empty when neither works (the item then sends pixmaps only). */
    static Optional<IconTheme> find() {
        String dataDirs = System.getenv().getOrDefault("XDG_DATA_DIRS", "/usr/local/share:/usr/share");
        if (installed(dataDirs)) {
            return Optional.of(new IconTheme(PREFIX, ""));
        }
        try {
            return Optional.of(privateCopy(Files.createTempDirectory("lpm-icons-")));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    static boolean installed(String dataDirs) {
        String name = PREFIX + TrayState.SECURE.iconName();
        return Arrays.stream(dataDirs.split(":")).filter(d -> !d.isBlank())
                .map(d -> Path.of(d, "icons", "hicolor"))
                .anyMatch(theme -> Files.exists(theme.resolve("scalable/apps/" + name + ".svg"))
                        || Files.exists(theme.resolve("24x24/apps/" + name + ".png")));
    }

    /** {@code dir/hicolor/NxN/apps/lpm-tray-STATE.png} for every size, as an icon theme lays them out. */
    static IconTheme privateCopy(Path dir) throws IOException {
        for (TrayState state : TrayState.values()) {
            for (int size : TrayIcons.SIZES) {
                Path target = dir.resolve("hicolor/" + size + "x" + size + "/apps/" + PREFIX + state.iconName() + ".png");
                Files.createDirectories(target.getParent());
                try (InputStream in = TrayIcons.class.getResourceAsStream(
                        "/dev/lpm/ui/tray/" + state.iconName() + "-" + size + ".png")) {
                    if (in == null) {
                        throw new IOException("missing icon resource " + state.iconName() + "-" + size + ".png");
                    }
                    Files.copy(in, target);
                }
            }
        }
        return new IconTheme(PREFIX, dir.toString());
    }

    /** Removes a private copy; leaves an installed theme alone. */
    void deletePrivateCopy() {
        if (themePath.isEmpty()) {
            return;
        }
        try (Stream<Path> files = Files.walk(Path.of(themePath))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    String iconName(TrayState state) {
        return prefix + state.iconName();
    }
}

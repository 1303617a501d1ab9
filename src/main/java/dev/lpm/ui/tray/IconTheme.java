package dev.lpm.ui.tray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether lpm's tray icons are installed in the hicolor icon theme (as {@code lpm-tray-secure.png} etc.),
 * so a StatusNotifierItem can name them and hosts draw them at their own size. Without them the item
 * sends only pixmaps: a name the theme lacks would make some hosts draw a "missing icon" sign.
 */
final class IconTheme {

    static final String PREFIX = "lpm-";

    private IconTheme() {}

    /** Reads the file system: call it off the FX thread. */
    static Optional<String> lpmPrefix() {
        return lpmPrefix(System.getenv().getOrDefault("XDG_DATA_DIRS", "/usr/local/share:/usr/share"));
    }

    static Optional<String> lpmPrefix(String dataDirs) {
        String name = PREFIX + TrayState.SECURE.iconName();
        boolean installed = Arrays.stream(dataDirs.split(":")).filter(d -> !d.isBlank())
                .map(d -> Path.of(d, "icons", "hicolor"))
                .anyMatch(theme -> Files.exists(theme.resolve("scalable/apps/" + name + ".svg"))
                        || Files.exists(theme.resolve("24x24/apps/" + name + ".png")));
        return installed ? Optional.of(PREFIX) : Optional.empty();
    }
}

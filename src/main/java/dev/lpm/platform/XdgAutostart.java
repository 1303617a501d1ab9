package dev.lpm.platform;

import dev.lpm.storage.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Linux (and other XDG desktops): {@code $XDG_CONFIG_HOME/autostart/lpm.desktop}, default
 * {@code ~/.config/autostart}, which desktop sessions start at login (XDG Autostart specification).
 */
public final class XdgAutostart implements LoginStart {

    private final Path entry;
    private final String command;

    public XdgAutostart(Path entry, String command) {
        this.entry = entry;
        this.command = command;
    }

    /** The entry for this user, from {@code XDG_CONFIG_HOME} / {@code HOME} in {@code env}. */
    public static XdgAutostart forUser(Map<String, String> env, String userHome, String command) {
        String xdg = env.get("XDG_CONFIG_HOME");
        // The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        Path config = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(userHome, ".config");
        return new XdgAutostart(config.resolve("autostart").resolve("lpm.desktop"), command);
    }

    @Override
    public boolean enabled() {
        return Files.isRegularFile(entry);
    }

    @Override
    public void setEnabled(boolean on) throws IOException {
        if (on) {
            AtomicFile.write(entry, desktopEntry().getBytes(StandardCharsets.UTF_8));
        } else {
            Files.deleteIfExists(entry);
        }
    }

    @Override
    public String location() {
        return entry.toString();
    }

    /** The file's content; Exec quoted per the Desktop Entry spec so a path with spaces still works. */
    String desktopEntry() {
        return """
                [Desktop Entry]
                Type=Application
                Name=LocalPortManager
                Comment=Stable NAME.localhost addresses for local dev services
                Exec=%s
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(execQuoted(command));
    }

    static String execQuoted(String program) {
        if (program.chars().noneMatch(c -> " \t\"'\\$`<>~|&;*?#()".indexOf(c) >= 0)) {
            return program;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : program.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        // In a desktop file's string value a backslash itself is escaped once more.
        return quoted.append('"').toString().replace("\\", "\\\\");
    }
}

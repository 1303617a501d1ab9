package dev.lpm.platform;

import dev.lpm.storage.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * macOS: {@code ~/Library/LaunchAgents/dev.lpm.LocalPortManager.plist}, which launchd loads at the
 * user's next login ({@code RunAtLoad}). Not loaded now: lpm is already running when this is toggled.
 */
public final class MacLaunchAgent implements LoginStart {

    static final String LABEL = "dev.lpm.LocalPortManager";

    private final Path plist;
    private final String command;

    public MacLaunchAgent(Path plist, String command) {
        this.plist = plist;
        this.command = command;
    }

    public static MacLaunchAgent forUser(String userHome, String command) {
        return new MacLaunchAgent(Path.of(userHome, "Library", "LaunchAgents", LABEL + ".plist"), command);
    }

    @Override
    public boolean enabled() {
        return Files.isRegularFile(plist);
    }

    @Override
    public void setEnabled(boolean on) throws IOException {
        if (on) {
            AtomicFile.write(plist, propertyList().getBytes(StandardCharsets.UTF_8));
        } else {
            Files.deleteIfExists(plist);
        }
    }

    @Override
    public String location() {
        return plist.toString();
    }

    String propertyList() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                    <key>Label</key>
                    <string>%s</string>
                    <key>ProgramArguments</key>
                    <array>
                        <string>%s</string>
                    </array>
                    <key>RunAtLoad</key>
                    <true/>
                    <key>ProcessType</key>
                    <string>Interactive</string>
                </dict>
                </plist>
                """.formatted(LABEL, xmlEscaped(command));
    }

    private static String xmlEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package dev.lpm.enforce;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where this instance finds the firewall helper: LPM_HELPER_SOCKET, else the socket the system service opens. */
public final class HelperLocation {

    public static final String SOCKET_ENV = "LPM_HELPER_SOCKET";

    private HelperLocation() {}

    /** The helper's client, or null where lpm has no helper for this operating system (macOS, Windows). */
    public static Firewall forThisMachine(Map<String, String> env) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        String socket = env.get(SOCKET_ENV);
        return new HelperClient(socket == null || socket.isBlank() ? HelperClient.DEFAULT_SOCKET : Path.of(socket));
    }
}

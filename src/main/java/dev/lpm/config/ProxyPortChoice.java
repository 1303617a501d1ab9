package dev.lpm.config;

import dev.lpm.core.Settings;
import java.util.Map;

/** Which port the proxy uses: {@code --proxy-port}, else {@code LPM_PROXY_PORT}, else settings.json. */
public final class ProxyPortChoice {

    public static final String ENV = "LPM_PROXY_PORT";

    private ProxyPortChoice() {}

    public static int choose(Integer option, Map<String, String> env, Settings settings) {
        if (option != null) {
            return check(option, "--proxy-port");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                return check(Integer.parseInt(fromEnv.trim()), ENV);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ENV + "='" + fromEnv + "' is not a port number (1-65535)");
            }
        }
        return settings.proxyPort();
    }

    private static int check(int port, String source) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(source + " " + port + " is not a port number (1-65535)");
        }
        return port;
    }
}

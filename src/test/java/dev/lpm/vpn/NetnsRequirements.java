package dev.lpm.vpn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the real-interface tests need: root (network namespaces, tun devices), iproute2's {@code ip},
 * python3 (holds a tun open the way a VPN client does) and {@code /dev/net/tun}. Missing pieces skip the
 * tests with a message naming them, except under {@code CI=true}, where they fail: CI must run them.
 */
final class NetnsRequirements {

    private NetnsRequirements() {}

    static void check() {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        String message = "real-interface VPN tests need: " + String.join("; ", missing);
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true, so this fails instead of skipping)");
        }
        Assumptions.abort(message);
    }

    static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            missing.add("Linux (network namespaces)");
            return missing;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root (run as root, e.g. in the CI container, for ip netns and tun devices)");
        }
        if (!onPath("ip")) {
            missing.add("ip (apt-get install iproute2)");
        }
        if (!onPath("python3")) {
            missing.add("python3 (apt-get install python3)");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun (modprobe tun, or run the container with --device /dev/net/tun)");
        }
        return missing;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command)) || Files.isExecutable(Path.of("/sbin", command));
    }
}

package dev.lpm.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine. A missing part skips the test with a message naming what to
 * install or do; under CI ({@code CI=true}, as {@code .ci/run} runs) it fails the test instead,
 * because CI installs every part and a skip there would hide a broken setup.
 */
public final class Requirements {

    /** Directories searched besides PATH: {@code ip} lives in /usr/sbin, which a user's PATH may lack. */
    private static final List<String> SYSTEM_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin");

    private Requirements() {}

    public static void requireRoot() {
        require(isRoot(), "runs only as root (network namespaces, veth, firewall rules): run the tests as root, "
                + "e.g. sudo bin/test");
    }

    /** {@code command} on PATH (or in a system bin directory), from Debian package {@code debianPackage}. */
    public static void requireCommand(String command, String debianPackage) {
        require(which(command) != null, "needs the command `" + command + "`: apt-get install " + debianPackage);
    }

    /** The docker CLI and a daemon that answers {@code docker info}. */
    public static void requireDockerEngine() {
        String message = "needs a running Docker engine: install docker.io and start dockerd (.ci/run does)";
        require(which("docker") != null, message + " (no `docker` command)");
        require(succeeds(20, "docker", "info"), message + " (`docker info` failed)");
    }

    /** Root, iproute2, python3 (holds a tun open like a VPN client) and the tun driver. */
    public static void requireTunDevices() {
        requireRoot();
        requireCommand("ip", "iproute2");
        requireCommand("python3", "python3");
        require(Files.exists(Path.of("/dev/net/tun")),
                "needs /dev/net/tun: modprobe tun, or give the container --device /dev/net/tun");
    }

    public static void requireDisplay() {
        String display = System.getenv("DISPLAY");
        require(display != null && !display.isBlank(),
                "needs a display: set DISPLAY, e.g. apt-get install xvfb and run under xvfb-run");
    }

    /** Skips (or, under CI, fails) with {@code message} unless {@code condition} holds. */
    public static void require(boolean condition, String message) {
        if (condition) {
            return;
        }
        if (isCi()) {
            Assertions.fail("CI has every part, but this test " + message);
        }
        Assumptions.abort("skipped: this test " + message);
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The executable {@code command} resolves to, or null. */
    public static Path which(String command) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SYSTEM_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean succeeds(int timeoutSeconds, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package dev.lpm.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the welcome screen checks on first start: do {@code *.localhost} names reach loopback (in Java,
 * and through the system resolver other tools use), and can lpm reach Docker.
 */
public final class FirstRunChecks {

    static final String PROBE_NAME = "lpm-check.localhost";

    private static final Path GETENT = Path.of("/usr/bin/getent");

    /** Java's name lookup ({@link InetAddress#getAllByName}); tests substitute a fixed answer. */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String name) throws UnknownHostException;
    }

    /** Runs a command for at most 5 s; {@code null} when it did not finish in time. */
    @FunctionalInterface
    interface Lookup {
        CommandOutput run(List<String> command) throws IOException, InterruptedException;
    }

    /** What a finished command printed (stdout and stderr) and its exit code. */
    record CommandOutput(int exit, String output) {}

    private final Map<String, String> env;
    private final Resolver resolver;
    private final Lookup lookup;
    private final Function<Path, Boolean> executable;

    public FirstRunChecks(Map<String, String> env) {
        this(env, name -> Arrays.asList(InetAddress.getAllByName(name)), FirstRunChecks::runFor5Seconds,
                Files::isExecutable);
    }

    FirstRunChecks(Map<String, String> env, Resolver resolver, Lookup lookup, Function<Path, Boolean> executable) {
        this.env = env;
        this.resolver = resolver;
        this.lookup = lookup;
        this.executable = executable;
    }

    public List<FirstRunCheck> run() {
        List<FirstRunCheck> checks = new ArrayList<>();
        checks.add(javaResolver());
        checks.add(systemResolver());
        checks.add(docker());
        return checks;
    }

    public FirstRunCheck javaResolver() {
        return javaResolver(PROBE_NAME);
    }

    /** Whether Java resolves {@code probe} to loopback (lpm doctor asks for each registered name too). */
    public FirstRunCheck javaResolver(String probe) {
        String name = "*.localhost in Java";
        try {
            List<InetAddress> addresses = resolver.resolve(probe);
            boolean loopback = !addresses.isEmpty() && addresses.stream().allMatch(InetAddress::isLoopbackAddress);
            return loopback
                    ? new FirstRunCheck(name, true, probe + " resolves to loopback", "")
                    : new FirstRunCheck(name, false, probe + " resolves to " + addresses + ", not loopback",
                            "run: sudo lpm hosts sync");
        } catch (UnknownHostException e) {
            return new FirstRunCheck(name, false, probe + " does not resolve", "run: sudo lpm hosts sync");
        }
    }

    /** glibc's resolver, as curl and most tools see it: nss-myhostname or systemd-resolved answer *.localhost. */
    public FirstRunCheck systemResolver() {
        return systemResolver(PROBE_NAME);
    }

    /** Whether the system resolver (getent) resolves {@code probe} to loopback. */
    public FirstRunCheck systemResolver(String probe) {
        String name = "*.localhost for other tools";
        if (!executable.apply(GETENT)) {
            return new FirstRunCheck(name, true, "not checked (no getent on this system)", "");
        }
        try {
            CommandOutput getent = lookup.run(List.of(GETENT.toString(), "hosts", probe));
            if (getent == null) {
                return new FirstRunCheck(name, false, "the system resolver did not answer within 5 s",
                        "check /etc/nsswitch.conf; or run: sudo lpm hosts sync");
            }
            String answer = getent.output().trim();
            return getent.exit() == 0 && isLoopback(answer)
                    ? new FirstRunCheck(name, true, probe + " resolves to loopback (" + answer.split("\\s+")[0] + ")", "")
                    : new FirstRunCheck(name, false, "the system resolver does not resolve *.localhost names"
                            + " (browsers do; curl and other tools may not)",
                            "install libnss-myhostname (or use systemd-resolved), or run: sudo lpm hosts sync");
        } catch (IOException e) {
            return new FirstRunCheck(name, false, "could not run getent: " + e.getMessage(), "run: sudo lpm hosts sync");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FirstRunCheck(name, false, "interrupted", "");
        }
    }

    private static CommandOutput runFor5Seconds(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return null;
        }
        return new CommandOutput(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static boolean isLoopback(String getentLine) {
        String address = getentLine.isEmpty() ? "" : getentLine.split("\\s+")[0];
        return address.startsWith("127.") || address.equals("::1");
    }

    public FirstRunCheck docker() {
        String name = "Docker";
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank() && !host.startsWith("unix://")) {
            return new FirstRunCheck(name, true, "DOCKER_HOST=" + host + " (not checked: not a local socket)", "");
        }
        Path socket = Path.of(host != null && !host.isBlank() ? host.substring("unix://".length()) : "/var/run/docker.sock");
        if (!Files.exists(socket)) {
            return new FirstRunCheck(name, false, "Docker is not installed or not running: no socket at " + socket,
                    "install Docker and start it (sudo systemctl start docker); lpm works without it, minus the"
                            + " Docker protection");
        }
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            return new FirstRunCheck(name, false, "Docker runs, but you may not use its socket " + socket,
                    "add yourself to the docker group (sudo usermod -aG docker $USER) and log in again");
        }
        return new FirstRunCheck(name, true, "Docker socket " + socket + " is there and accessible", "");
    }
}

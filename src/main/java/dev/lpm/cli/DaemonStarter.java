package dev.lpm.cli;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.lpm.config.LpmHome;
import dev.lpm.control.ControlClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts {@code lpm daemon} in the background for CLI commands that need a running instance: same
 * Java, same class path, its own session (so closing the terminal does not end it), output appended
 * to {@code logs/daemon.log}.
 */
final class DaemonStarter {

    static final String MAIN_CLASS = "dev.lpm.app.Launcher";
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);

    private DaemonStarter() {}

    /** Starts the daemon and waits until its control socket answers. */
    static long start(LpmHome home) {
        Process process;
        try {
            home.ensureExists();
            ProcessBuilder builder = new ProcessBuilder(command())
                    .directory(new File(System.getProperty("user.home")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.daemonLog().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().put(LpmHome.ENV, home.dir().toString());
            process = builder.start();
        } catch (IOException e) {
            throw new CliException("could not start the lpm daemon: " + e.getMessage());
        }
        ControlClient client = new ControlClient(home.controlSocket());
        RetryPolicy<Boolean> untilAnswering = RetryPolicy.<Boolean>builder()
                .handleResult(false)
                .abortIf(answering -> !process.isAlive())
                .withDelay(Duration.ofMillis(50))
                .withMaxDuration(READY_WITHIN)
                .withMaxRetries(-1)
                .build();
        boolean answering;
        try {
            answering = Failsafe.with(untilAnswering).get(client::isAvailable);
        } catch (FailsafeException e) {
            answering = false;
        }
        if (!answering) {
            process.destroy();
            throw new CliException("the lpm daemon did not start; its log " + home.daemonLog() + " ends with:\n"
                    + lastLines(home.daemonLog(), 10));
        }
        return process.pid();
    }

    private static List<String> command() {
        List<String> command = new ArrayList<>();
        if (!isWindows() && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        // Installed app (jpackage): this process is the native launcher, not `java`, and it takes
        // no JVM options; start the launcher itself, which brings its runtime, class path and AOT cache.
        String appLauncher = System.getProperty("jpackage.app-path");
        if (appLauncher != null && Files.isExecutable(Path.of(appLauncher))) {
            command.add(appLauncher);
            command.add("daemon");
            return command;
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(java);
        // What the jar's manifest grants under java -jar; the daemon runs with -cp, so say it here.
        command.add("--enable-native-access=ALL-UNNAMED");
        // Lets Netty use Unsafe for buffer access (bin/lpm and the app image say the same).
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(MAIN_CLASS);
        command.add("daemon");
        return command;
    }

    /** The daemon runs in another directory, so a relative class path (java -jar target/lpm.jar) is made absolute. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static File nullDevice() {
        return new File(isWindows() ? "NUL" : "/dev/null");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win");
    }

    private static String lastLines(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}

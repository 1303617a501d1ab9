package dev.lpm.trust;

import dev.lpm.docker.command.ShellQuoting;
import dev.lpm.enforce.CommandResult;
import dev.lpm.enforce.CommandRunner;
import dev.lpm.enforce.FirewallException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the outside tools of the trust places (certutil, update-ca-certificates, security) through one
 * {@link CommandRunner}, so tests can record or replay them, and finds them on the PATH.
 */
public final class TrustCommands {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Where administrator tools live when a user's PATH lacks them (update-ca-certificates is in /usr/sbin). */
    private static final List<String> SYSTEM_DIRS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private final CommandRunner runner;
    private final String path;

    public TrustCommands(CommandRunner runner, Map<String, String> env) {
        this.runner = runner;
        this.path = env.getOrDefault("PATH", "");
    }

    /** Runs {@code argv}; its result, whatever the exit code. */
    public CommandResult run(List<String> argv) {
        try {
            return runner.run(argv, TIMEOUT);
        } catch (FirewallException e) { // the shared runner's one failure type: could not start, or timed out
            throw new TrustException(e.getMessage(), e);
        }
    }

    /** Runs {@code argv} and insists on exit 0; the error says what the tool wrote. */
    public CommandResult runOk(List<String> argv) {
        CommandResult result = run(argv);
        if (!result.ok()) {
            String said = (result.stderr() + result.stdout()).strip();
            throw new TrustException(shell(argv) + " failed (exit " + result.exitCode() + ")"
                    + (said.isEmpty() ? "" : ": " + said));
        }
        return result;
    }

    /** Whether {@code tool} is on the PATH or in an sbin directory. */
    public boolean available(String tool) {
        if (tool.contains("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return SYSTEM_DIRS.stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** {@code argv} as a line to paste into a shell. */
    public static String shell(List<String> argv) {
        return argv.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }
}

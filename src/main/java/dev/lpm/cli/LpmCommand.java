package dev.lpm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lpm}: the top-level command; the work is in its subcommands. */
@Command(name = "lpm",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
                "LocalPortManager Secure: stable http://NAME.localhost:1355 addresses for local dev services,"
                        + " supervised by one instance (lpm daemon). State lives in LPM_HOME.",
        },
        subcommands = {
                RegisterCommand.class, AliasCommand.class, UnregisterCommand.class, StartCommand.class,
                StopCommand.class, RestartCommand.class, ListCommand.class, LogsCommand.class, UrlCommand.class,
                StatusCommand.class, SecurityCommand.class, AuditCommand.class, FirewallCommand.class,
                DockerHostCommand.class, OpenCommand.class, ShowCommand.class, AutostartCommand.class,
                HostsCommand.class, UnlockCommand.class, AuditdRulesCommand.class,
        },
        footer = {"", "Exit codes: 0 ok, 1 refused or failed (reason on stderr), 2 usage error;"
                + " lpm audit: 3 when it finds something high or critical."})
public final class LpmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // The launcher starts the desktop app when there are no arguments; this runs for `lpm --` and the like.
        spec.commandLine().usage(spec.commandLine().getOut());
        spec.commandLine().getOut().println();
        spec.commandLine().getOut().println("Run lpm without arguments for the desktop app (tray and window), or lpm daemon for the headless instance.");
    }

    /** Builds the command line with lpm's error handling: exit 1 and "lpm: reason" for refusals. */
    public static CommandLine commandLine(Object root) {
        CommandLine cli = new CommandLine(root);
        // The one error path of the CLI: refusals are one line; a bug is one line with an id, and its stack
        // trace goes to LPM_HOME/logs/cli-errors.log under that id.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message;
            if (e instanceof dev.lpm.control.ControlTimeoutException timeout) {
                message = Instance.notAnswering(timeout);
            } else if (dev.lpm.control.Failures.isUserError(e)) {
                message = e.getMessage();
            } else {
                String id = dev.lpm.control.Failures.newId();
                message = dev.lpm.control.Failures.internal(id, e, CliErrorLog.record(id, e));
            }
            commandLine.getErr().println("lpm: " + message);
            commandLine.getErr().flush();
            return 1;
        });
        return cli;
    }
}

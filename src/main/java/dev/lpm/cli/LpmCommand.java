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
                HostsCommand.class, UnlockCommand.class, BlockedCommand.class, ResumeCommand.class,
                KillSwitchCommand.class, SettingsCommand.class, AuditdRulesCommand.class,
                RunCommand.class, UpCommand.class, DownCommand.class, DoctorCommand.class, TrustCommand.class,
                UntrustCommand.class,
        },
        // A list picocli knows as exit codes: --help prints it, and the man page's EXIT STATUS section is made from it.
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:refused or failed (the reason on stderr)", "2:usage error",
                "3:lpm audit found something high or critical"})
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

    /**
     * Gives every command in the tree {@code --help}/{@code -V}, the root a {@code help CMD} subcommand and one
     * usage width; call it once all subcommands are added (picocli adds the options per command, not inherited).
     */
    public static CommandLine withHelpEverywhere(CommandLine cli) {
        if (!cli.getSubcommands().containsKey("help")) {
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
        addHelpOptions(cli);
        return cli;
    }

    private static void addHelpOptions(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (!spec.mixinStandardHelpOptions() && !spec.optionsMap().containsKey("--help")) {
            spec.mixinStandardHelpOptions(true);
        }
        if (spec.version().length == 0 && spec.versionProvider() == null) {
            spec.versionProvider(new Version()); // so the -V each command now has says something
        }
        // Wide enough that descriptions wrap at words in a terminal window, never mid-table.
        command.setUsageHelpAutoWidth(true);
        command.getSubcommands().values().forEach(LpmCommand::addHelpOptions);
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

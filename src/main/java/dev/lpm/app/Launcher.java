package dev.lpm.app;

import dev.lpm.cli.LpmCommand;
import picocli.CommandLine;

/**
 * The jar's main class. Deliberately a plain class (not a JavaFX Application), so the same jar runs
 * as CLI and headless daemon on machines without a display or JavaFX runtime.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        // No subcommand: the desktop app (tray, window, notifications) around the instance.
        int exit = args.length == 0 ? LpmCommand.commandLine(new DesktopCommand()).execute() : commandLine().execute(args);
        if (exit != 0 || !isDaemon(args)) {
            System.exit(exit);
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = LpmCommand.commandLine(new LpmCommand());
        cli.addSubcommand("daemon", new DaemonCommand());
        cli.addSubcommand("proxy", new ProxyCommand());
        return cli;
    }

    /** The long-running commands end through their shutdown hooks, not through System.exit. */
    private static boolean isDaemon(String[] args) {
        return args.length > 0 && (args[0].equals("daemon") || args[0].equals("proxy"));
    }
}

package dev.lpm.app;

import dev.lpm.cli.LpmCommand;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The jar's main class. Deliberately a plain class (not a JavaFX Application), so the same jar runs
 * as CLI and headless daemon on machines without a display or JavaFX runtime.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        // Netty's default leak detection records a stack trace for one buffer in 128: thousands of
        // Throwables a second under load, for a diagnosis nobody reads in a running daemon. Tests (which
        // do not start here) keep it; -Dio.netty.leakDetection.level=... still overrides.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        // No subcommand: the desktop app (tray, window, notifications) around the instance. The root helper
        // gets a command line of its own, so it loads none of the instance's commands or their libraries.
        int exit = args.length == 0 ? LpmCommand.commandLine(new DesktopCommand()).execute()
                : isHelper(args) ? helperCommandLine().execute(Arrays.copyOfRange(args, 1, args.length))
                : commandLine().execute(args);
        if (exit != 0 || !isDaemon(args)) {
            System.exit(exit);
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = LpmCommand.commandLine(new LpmCommand());
        cli.addSubcommand("daemon", new DaemonCommand());
        cli.addSubcommand("proxy", new ProxyCommand());
        cli.addSubcommand("helper", new HelperCommand());
        return LpmCommand.withHelpEverywhere(cli);
    }

    /** {@code lpm helper ...} alone: the same command {@link #commandLine()} lists, without the others. */
    static CommandLine helperCommandLine() {
        return new CommandLine(new HelperCommand()).setCommandName("lpm helper");
    }

    private static boolean isHelper(String[] args) {
        return args.length > 0 && args[0].equals("helper");
    }

    /** The long-running commands end through their shutdown hooks, not through System.exit. */
    private static boolean isDaemon(String[] args) {
        return args.length > 0 && (args[0].equals("daemon") || args[0].equals("proxy") || args[0].equals("helper"));
    }
}

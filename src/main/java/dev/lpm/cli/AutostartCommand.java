package dev.lpm.cli;

import dev.lpm.platform.LoginStart;
import dev.lpm.platform.LoginStarts;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "autostart", description = {
        "Start lpm when you log in: on, off, or status (the default).",
        "Linux: ~/.config/autostart/lpm.desktop; macOS: a LaunchAgent; Windows: the Run key."})
final class AutostartCommand implements Callable<Integer> {

    enum Action { on, off, status }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "status", paramLabel = "on|off|status",
            description = "on, off or status")
    Action action;

    private final LoginStart loginStart;

    AutostartCommand() {
        this(LoginStarts.forThisPlatform());
    }

    AutostartCommand(LoginStart loginStart) {
        this.loginStart = loginStart;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            switch (action) {
                case on -> loginStart.setEnabled(true);
                case off -> loginStart.setEnabled(false);
                case status -> { }
            }
        } catch (IOException e) {
            throw new CliException("could not change " + loginStart.location() + ": " + e.getMessage());
        }
        out.println("lpm " + (loginStart.enabled() ? "starts" : "does not start") + " at login ("
                + loginStart.location() + ")");
        return 0;
    }
}

package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "register", description = {
        "Register a service and start it. COMMAND runs through the shell, with {port} replaced by the service's"
                + " port (also in $PORT; $HOST is 127.0.0.1). Quote it as one argument to write shell text (pipes,"
                + " &&, $VARS); after -- each word reaches the program exactly as typed.",
        "Example: lpm register api \"python3 -m http.server --bind 127.0.0.1 {port}\"",
        "Example: lpm register web -- node -e 'console.log(process.env.PORT)'"})
final class RegisterCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "a DNS label: lowercase letters, digits, '-'")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "the command, with {port}")
    List<String> command;

    @Option(names = "--port", paramLabel = "N", description = "use this port instead of a free one from the range")
    Integer port;

    @Option(names = "--isolated", description = "run a Docker service on an internal network, reachable only through lpm")
    boolean isolated;

    @Option(names = "--no-kill-switch", description = "allow this service to run while a VPN is active (not recommended)")
    boolean noKillSwitch;

    @Option(names = "--subdomains", description = "also answer at ANYTHING.NAME.localhost")
    boolean subdomains;

    @Option(names = "--no-start", description = "register only; start later with: lpm start NAME")
    boolean noStart;

    @Option(names = "--cwd", paramLabel = "DIR", description = "working directory (default: the current directory)")
    String workingDirectory;

    @Option(names = "--env", paramLabel = "KEY=VALUE",
            description = "extra environment variable (repeatable); {port} in the value is replaced by the port")
    Map<String, String> environment;

    @Option(names = "--start-timeout", paramLabel = "TIME", converter = DurationOption.class,
            description = "how long the service may take to accept connections, e.g. 90s or 2m"
                    + " (default: startTimeout in settings.json, 30s)")
    java.time.Duration startTimeout;

    @Option(names = "--stop-grace", paramLabel = "TIME", converter = DurationOption.class,
            description = "how long a stop waits after SIGTERM before SIGKILL, e.g. 20s"
                    + " (default: stopGrace in settings.json, 5s)")
    java.time.Duration stopGrace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String cwd = workingDirectory != null ? workingDirectory : System.getProperty("user.dir");
        boolean afterDoubleDash = spec.commandLine().getParseResult().originalArgs().contains("--");
        var request = new ControlRequest.Register(name, CommandWords.toShell(command, afterDoubleDash), port, isolated, noKillSwitch,
                subdomains, noStart, java.nio.file.Path.of(cwd).toAbsolutePath().toString(), environment, startTimeout,
                stopGrace);
        ServiceView service = Output.service(Instance.require(err).call(request));
        out.println("Registered " + service.name() + " on port " + service.port() + ": " + service.url());
        if (service.direct() != null) {
            out.println("  direct: " + service.direct()); // where it answers now: 127.0.0.1, or [::1] only
        }
        if (service.runCommand() != null) {
            out.println("  runs as: " + service.runCommand() + "   (published ports bound to loopback)");
        }
        if (noStart) {
            out.println("Not started; start it with: lpm start " + service.name());
            return 0;
        }
        return StartCommand.reportStart(service, out, err);
    }
}

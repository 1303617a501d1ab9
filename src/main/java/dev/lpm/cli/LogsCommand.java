package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Print a service's recent output (stdout and stderr).")
final class LogsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100", description = "lines to show (default: ${DEFAULT-VALUE})")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "keep printing new output until interrupted")
    boolean follow;

    @Override
    public Integer call() {
        if (lines < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-n must be 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        Instance.require(spec.commandLine().getErr()).stream(new ControlRequest.Logs(name, lines, follow), data -> {
            data.get("lines").forEach(line -> out.println(line.asText()));
            out.flush();
        });
        return 0;
    }
}

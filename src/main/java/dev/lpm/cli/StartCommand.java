package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "start", description = "Start a registered service and wait until it accepts connections.")
final class StartCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        ServiceView service = Output.service(
                Instance.require(spec.commandLine().getErr()).call(new ControlRequest.Start(name)));
        return report(service, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Prints the outcome of a start; anything but running is a failure (exit 1). */
    static int report(ServiceView service, PrintWriter out, PrintWriter err) {
        if ("running".equals(service.state())) {
            out.println(Output.stateLine(service));
            return 0;
        }
        err.println("lpm: " + service.name() + " did not start: " + service.state()
                + (service.reason().isEmpty() ? "" : " (" + service.reason() + ")"));
        err.println("lpm: see its output with: lpm logs " + service.name());
        return 1;
    }
}

package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "stop", description = "Stop a service and every process it started; it stays registered.")
final class StopCommand extends NamedServiceCommand {

    @Override
    ControlRequest request(String name) {
        return new ControlRequest.Stop(name);
    }

    @Override
    int report(ServiceView service, PrintWriter out, PrintWriter err) {
        out.println(Output.stateLine(service));
        return 0;
    }
}

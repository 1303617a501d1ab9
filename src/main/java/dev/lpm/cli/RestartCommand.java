package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "restart", description = "Stop a service, then start it again.")
final class RestartCommand extends NamedServiceCommand {

    @Override
    ControlRequest request(String name) {
        return new ControlRequest.Restart(name);
    }

    @Override
    int report(ServiceView service, PrintWriter out, PrintWriter err) {
        return StartCommand.reportStart(service, out, err);
    }
}

package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "unregister", description = "Stop a service if it runs and forget it (its log files stay).")
final class UnregisterCommand extends NamedServiceCommand {

    @Override
    ControlRequest request(String name) {
        return new ControlRequest.Unregister(name);
    }

    @Override
    int report(ServiceView service, PrintWriter out, PrintWriter err) {
        out.println("Unregistered " + service.name() + " (port " + service.port() + " is free again)");
        return 0;
    }
}

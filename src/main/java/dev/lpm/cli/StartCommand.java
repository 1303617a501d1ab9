package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import dev.lpm.core.ServiceState;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "start", description = "Start a registered service and wait until it accepts connections.")
final class StartCommand extends NamedServiceCommand {

    @Override
    ControlRequest request(String name) {
        return new ControlRequest.Start(name);
    }

    @Override
    int report(ServiceView service, PrintWriter out, PrintWriter err) {
        return reportStart(service, out, err);
    }

    /** Prints the outcome of a start; anything but running is a failure (exit 1). */
    static int reportStart(ServiceView service, PrintWriter out, PrintWriter err) {
        if (service.state() == ServiceState.RUNNING) {
            out.println(Output.stateLine(service));
            return 0;
        }
        if (service.state() == ServiceState.BLOCKED) {
            err.println("\u26A0\uFE0F  " + service.reason());
            err.println("lpm: " + service.name() + " is registered and blocked; it starts when the VPN goes down."
                    + " --no-kill-switch at registration bypasses this (not recommended).");
            return 1;
        }
        err.println("lpm: " + service.name() + " did not start: " + service.state().label()
                + (service.reason().isEmpty() ? "" : " (" + service.reason() + ")"));
        err.println("lpm: see its output with: lpm logs " + service.name());
        return 1;
    }
}

package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "unregister", description = "Stop a service if it runs and forget it (its log files stay).")
final class UnregisterCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        ServiceView service = Output.service(
                Instance.require(spec.commandLine().getErr()).call(new ControlRequest.Unregister(name)));
        spec.commandLine().getOut().println("Unregistered " + service.name() + " (port " + service.port() + " is free again)");
        return 0;
    }
}

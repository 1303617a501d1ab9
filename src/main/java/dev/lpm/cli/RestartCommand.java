package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restart", description = "Stop a service, then start it again.")
final class RestartCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        ServiceView service = Output.service(
                Instance.require(spec.commandLine().getErr()).call(new ControlRequest.Restart(name)));
        return StartCommand.report(service, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}

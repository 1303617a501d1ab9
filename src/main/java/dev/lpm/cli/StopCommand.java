package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "stop", description = "Stop a service and every process it started; it stays registered.")
final class StopCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        ServiceView service = Output.service(
                Instance.require(spec.commandLine().getErr()).call(new ControlRequest.Stop(name)));
        spec.commandLine().getOut().println(Output.stateLine(service));
        return 0;
    }
}

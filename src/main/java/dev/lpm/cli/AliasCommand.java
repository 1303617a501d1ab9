package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "alias", description = "Give a port that something else already serves a NAME.localhost address.")
final class AliasCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "PORT")
    int port;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ServiceView service = Output.service(
                Instance.require(spec.commandLine().getErr()).call(new ControlRequest.Alias(name, port)));
        out.println("Registered alias " + service.name() + " for port " + service.port() + ": " + service.url());
        out.println(Output.stateLine(service));
        return 0;
    }
}

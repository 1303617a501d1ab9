package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "url", description = "Print a service's address, http://NAME.localhost:1355.")
final class UrlCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        var data = Instance.require(spec.commandLine().getErr()).call(new ControlRequest.Url(name));
        spec.commandLine().getOut().println(data.get("url").asText());
        return 0;
    }
}

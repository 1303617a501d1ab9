package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.SecurityView;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "resume", description = {
        "Start a container the kill switch stopped again, as the window's Resume does.",
        "Refused while a VPN is up and the kill switch is on (it would be stopped again)."})
final class ResumeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME|ID", description = "the container's name, or its id (a prefix will do)")
    String container;

    @Override
    public Integer call() {
        SecurityView.BlockedContainer resumed = Output.convert(
                Instance.require(spec.commandLine().getErr()).call(new ControlRequest.Resume(container)),
                SecurityView.BlockedContainer.class);
        spec.commandLine().getOut().println("Resumed " + resumed.name() + " (" + resumed.image() + ")");
        return 0;
    }
}

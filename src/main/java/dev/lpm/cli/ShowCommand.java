package dev.lpm.cli;

import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "show", description = "Bring the running desktop app's window to the front.")
final class ShowCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = Instance.ifRunning();
        if (client == null) {
            throw new CliException("LocalPortManager is not running; start the desktop app with: lpm");
        }
        var data = client.call(new ControlRequest.Show());
        spec.commandLine().getOut().println("brought the LocalPortManager window to the front (pid "
                + data.get("pid").asLong() + ")");
        return 0;
    }
}

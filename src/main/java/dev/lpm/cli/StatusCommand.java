package dev.lpm.cli;

import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlRequest;
import dev.lpm.control.StatusView;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Show whether an lpm instance runs, and a summary of its services.")
final class StatusCommand implements Callable<Integer> {

    @CommandLine.Mixin
    JsonOption output;

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        // Asking for the status must not start an instance as a side effect.
        ControlClient client = Instance.ifRunning();
        if (client == null) {
            if (output.json) {
                Map<String, Object> notRunning = new LinkedHashMap<>();
                notRunning.put("running", false);
                notRunning.put("home", Instance.home().toString());
                Output.json(out, notRunning);
            } else {
                out.println("lpm is not running (LPM_HOME " + Instance.home() + "); start it with: lpm daemon");
            }
            return 1;
        }
        StatusView status = Output.convert(client.call(new ControlRequest.Status()), StatusView.class);
        if (output.json) {
            Output.json(out, status);
            return 0;
        }
        StatusView.Counts c = status.services();
        out.println("lpm " + status.version() + " is running (pid " + status.pid() + ", up " + status.uptimeSeconds() + "s)");
        out.println("  home:     " + status.home());
        out.println("  proxy:    " + status.proxy().url() + " (listening on " + String.join(", ", status.proxy().listening()) + ")");
        out.println("  services: " + c.total() + " registered, " + c.running() + " running, " + c.starting()
                + " starting, " + c.stopped() + " stopped, " + c.crashed() + " crashed, " + c.blocked() + " blocked");
        if (status.tray() != null) {
            out.println("  tray:     " + status.tray());
        }
        for (String problem : status.problems()) {
            out.println("  problem:  " + problem);
        }
        for (String recovered : status.recovered() == null ? java.util.List.<String>of() : status.recovered()) {
            out.println("  recovered: " + recovered);
        }
        return 0;
    }
}

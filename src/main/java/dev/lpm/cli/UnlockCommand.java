package dev.lpm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlRequest;
import dev.lpm.enforce.Firewall;
import dev.lpm.enforce.FirewallUnavailableException;
import dev.lpm.enforce.HelperLocation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "unlock", mixinStandardHelpOptions = true, description = {
        "Remove every firewall rule lpm's helper holds: the Docker lockdown, the rule that closes lpm's ports to"
                + " other machines, and the guard for Docker before 28. Prints what it removed.",
        "A running instance keeps hands off until the VPN or the kill switch changes, or it restarts."})
final class UnlockCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> removed = new ArrayList<>();
        ControlClient instance = Instance.ifRunning();
        if (instance != null) {
            // Through the instance, so it stops re-applying what the user just removed.
            for (JsonNode line : instance.call(new ControlRequest.Unlock()).path("removed")) {
                removed.add(line.asText());
            }
        } else {
            Firewall helper = HelperLocation.forThisMachine(System.getenv());
            if (helper == null) {
                throw new CliException("lpm has no firewall helper on this operating system: nothing to unlock");
            }
            try {
                removed.addAll(helper.releaseAll());
            } catch (FirewallUnavailableException e) {
                throw new CliException(e.getMessage() + (e.fix() == null ? "" : "; fix: " + e.fix()));
            }
        }
        if (removed.isEmpty()) {
            out.println("lpm holds no firewall rules: nothing to remove");
        }
        removed.forEach(line -> out.println("removed: " + line));
        out.flush();
        return 0;
    }
}

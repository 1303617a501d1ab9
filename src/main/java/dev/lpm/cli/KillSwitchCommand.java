package dev.lpm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.control.ControlRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "kill-switch", description = {
        "Turn the kill switch on or off, or show it (status, the default), as the window's toggle does.",
        "On: while a VPN is active, Docker services and containers that publish ports are stopped."})
final class KillSwitchCommand implements Callable<Integer> {

    enum Action { on, off, status }

    @CommandLine.Mixin
    JsonOption output;

    @Parameters(index = "0", arity = "0..1", defaultValue = "status", paramLabel = "on|off|status",
            description = "on, off or status")
    Action action;

    @Override
    public Integer call() {
        Boolean on = switch (action) {
            case on -> true;
            case off -> false;
            case status -> null;
        };
        JsonNode data = Instance.require(output.err()).call(new ControlRequest.KillSwitch(on));
        if (output.json) {
            Output.json(output.out(), data);
        } else {
            output.out().println("Kill switch: " + data.get("killSwitch").asText());
        }
        return 0;
    }
}

package dev.lpm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.control.ControlRequest;
import dev.lpm.control.SecurityView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "blocked", description = {
        "List the containers the kill switch stopped and nobody resumed yet, as the window's Blocked list shows them.",
        "Resume one with: lpm resume NAME"})
final class BlockedCommand implements Callable<Integer> {

    @CommandLine.Mixin
    JsonOption output;

    @Override
    public Integer call() {
        JsonNode data = Instance.require(output.err()).call(new ControlRequest.Blocked());
        List<SecurityView.BlockedContainer> blocked = new ArrayList<>();
        data.forEach(node -> blocked.add(Output.convert(node, SecurityView.BlockedContainer.class)));
        if (output.json) {
            Output.json(output.out(), blocked);
        } else {
            print(blocked, output.out());
        }
        return 0;
    }

    static void print(List<SecurityView.BlockedContainer> blocked, PrintWriter out) {
        if (blocked.isEmpty()) {
            out.println("No blocked containers.");
            return;
        }
        List<List<String>> rows = blocked.stream().map(c -> List.of(c.name(), shortId(c.id()), c.image(),
                String.join(", ", c.ports()), String.valueOf(c.at()), c.reason())).toList();
        Output.table(out, List.of("NAME", "ID", "IMAGE", "PORTS", "BLOCKED AT", "REASON"), rows);
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}

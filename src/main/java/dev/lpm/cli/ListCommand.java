package dev.lpm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.audit.listeners.ServerBindFixes;
import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List registered services with their state, port and URL.")
final class ListCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print a JSON array (the shape is documented in the README)")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode data = Instance.require(spec.commandLine().getErr()).call(new ControlRequest.ListServices());
        List<ServiceView> services = new ArrayList<>();
        data.forEach(node -> services.add(Output.service(node)));
        if (json) {
            Output.json(out, services);
        } else {
            print(services, out);
        }
        return 0;
    }

    /** The table, then for each service other machines can reach how to bind it to loopback. */
    static void print(List<ServiceView> services, PrintWriter out) {
        if (services.isEmpty()) {
            out.println("No services registered. Try: lpm register api"
                    + " \"python3 -m http.server --bind 127.0.0.1 {port}\"");
            return;
        }
        // The GROUP column only once a project (lpm up) registered something: most users never see it.
        boolean grouped = services.stream().anyMatch(s -> s.group() != null);
        List<List<String>> rows = services.stream().map(s -> {
            List<String> row = new ArrayList<>(List.of(s.name(), s.state().label() + flags(s),
                    Integer.toString(s.port()), s.url(), s.command() == null ? "(alias)" : s.command()));
            if (grouped) {
                row.add(1, s.group() == null ? "-" : s.group());
            }
            return List.copyOf(row);
        }).toList();
        List<String> header = new ArrayList<>(List.of("NAME", "STATE", "PORT", "URL", "COMMAND"));
        if (grouped) {
            header.add(1, "GROUP");
        }
        Output.table(out, header, rows);
        List<ServiceView> exposed = services.stream().filter(ListCommand::listensBeyondLoopback).toList();
        if (!exposed.isEmpty()) {
            out.println();
        }
        for (ServiceView s : exposed) {
            ServerBindFixes.Fix fix = ServerBindFixes.forCommand(s.command());
            out.println(s.name() + ": other machines can reach it on port " + s.port()
                    + " unless lpm's port firewall is on.");
            out.println("  fix (" + fix.server() + "): " + fix.fix() + "; " + fix.thenInLpm(s.name(), s.port()));
        }
    }

    private static String flags(ServiceView s) {
        StringBuilder flags = new StringBuilder();
        if (s.isolated()) {
            flags.append(" [isolated]");
        }
        if (s.subdomains()) {
            flags.append(" [subdomains]");
        }
        if (s.killSwitchBypass()) {
            flags.append(" [no-kill-switch]");
        }
        if (listensBeyondLoopback(s)) {
            flags.append(" [listens on ").append(String.join(", ", s.exposure().beyondLoopbackAddresses())).append(']');
        }
        return flags.toString();
    }

    private static boolean listensBeyondLoopback(ServiceView s) {
        return s.exposure() != null && s.exposure().beyondLoopback();
    }
}

package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.EnforcementView;
import dev.lpm.control.SecurityView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "security", description = "Show the security status: whether a VPN is active and why, the kill"
        + " switch, and blocked services.")
final class SecurityCommand implements Callable<Integer> {

    private static final String RULE = "=".repeat(50);

    @CommandLine.Mixin
    JsonOption output;

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        SecurityView view = Output.convert(
                Instance.require(output.err()).call(new ControlRequest.Security()), SecurityView.class);
        if (output.json) {
            Output.json(out, view);
            return 0;
        }
        SecurityView.Vpn vpn = view.vpn();
        out.println(RULE);
        out.println("\uD83D\uDD12 SECURITY STATUS");
        out.println(RULE);
        out.println("VPN Active:       " + (vpn.active() ? "YES \u26A0\uFE0F" : "NO"));
        out.println("Kill Switch:      " + killSwitch(view.killSwitch()));
        out.println("Blocked Services: " + view.blockedServices().size());
        out.println();
        out.println("VPN Interfaces:   " + (vpn.interfaces().isEmpty() ? "none" : String.join(", ", vpn.interfaces())));
        out.println("Public traffic:   " + (vpn.routeInterface() == null ? "no public route" : "via " + vpn.routeInterface()));
        for (String reason : vpn.reasons()) {
            out.println("  - " + reason);
        }
        for (String hint : vpn.hints()) {
            out.println("  (hint) " + hint);
        }
        if (!view.blockedServices().isEmpty()) {
            out.println();
            out.println("Blocked Services:");
            view.blockedServices().forEach(name -> out.println("  - " + name));
        }
        if (!view.blockedContainers().isEmpty()) {
            out.println();
            out.println("Blocked Containers:");
            for (SecurityView.BlockedContainer c : view.blockedContainers()) {
                out.println("  - " + c.name() + " (" + c.image() + ", " + String.join(", ", c.ports()) + "): " + c.reason());
            }
        }
        printEnforcement(out, view.enforcement());
        if (!view.dockerReachable()) {
            out.println();
            out.println("Docker engine:    not reachable (containers are not guarded until it answers)");
        }
        if (!view.bypassServices().isEmpty()) {
            out.println();
            out.println("Kill switch bypassed (--no-kill-switch):");
            view.bypassServices().forEach(name -> out.println("  - " + name));
        }
        out.println(RULE);
        return 0;
    }

    private static void printEnforcement(PrintWriter out, EnforcementView e) {
        out.println();
        out.println("Firewall helper:  " + e.helper() + (e.helper().equals("connected") ? "" : " (" + e.helperDetail() + ")"));
        out.println("  Port rule:      " + e.nativePorts() + " (ports " + e.portRange() + " closed to other machines)");
        out.println("  Docker lockdown:" + " " + e.lockdown() + (e.lockdown().equals("off")
                ? " (only while a VPN is up and the kill switch is on)" : ""));
        out.println("  Loopback guard: " + e.loopbackGuard() + (e.engineVersion() == null ? "" : " (Docker "
                + e.engineVersion() + ")"));
        for (String gap : e.gaps()) {
            out.println("  \u26A0 " + gap);
        }
        if (e.fix() != null && !e.gaps().isEmpty()) {
            out.println("  Fix:            " + e.fix());
        }
    }

    private static String killSwitch(String state) {
        return switch (state) {
            case "enabled" -> "ENABLED";
            case "disabled" -> "DISABLED";
            default -> state;
        };
    }
}

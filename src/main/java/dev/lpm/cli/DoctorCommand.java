package dev.lpm.cli;

import dev.lpm.config.LpmHome;
import dev.lpm.platform.FirstRunChecks;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", description = {
        "Check everything lpm depends on, each with its fix: the instance, the proxy port, *.localhost resolution"
                + " (Java and the system resolver), the Docker engine and socket, enforcement (root helper, rules), the"
                + " VPN verdict and processes a crashed instance left. Does not start an instance.",
        "Exit code 0 when nothing fails (warnings included), 1 when a check fails."})
final class DoctorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print {\"ok\": ..., \"checks\": [{name, status, message, fix}]}")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LpmHome home = Instance.home();
        List<DoctorCheck> checks = new DoctorChecks(home, Instance.ifRunning(), new FirstRunChecks(System.getenv())).run();
        boolean ok = checks.stream().noneMatch(DoctorCheck::failed);
        if (json) {
            Output.json(out, Map.of("ok", ok, "checks", checks));
        } else {
            int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
            for (DoctorCheck check : checks) {
                out.printf("%-4s  %-" + width + "s  %s%n", check.status(), check.name(), check.message());
                if (!check.fix().isEmpty()) {
                    out.printf("      %" + width + "s  fix: %s%n", "", check.fix());
                }
            }
            long failed = checks.stream().filter(DoctorCheck::failed).count();
            long warned = checks.stream().filter(c -> c.status().equals("warn")).count();
            out.println();
            out.println(failed == 0 ? "All checks pass" + (warned == 0 ? "." : " (" + warned + " with a warning).")
                    : failed + " check(s) fail.");
        }
        return ok ? 0 : 1;
    }
}

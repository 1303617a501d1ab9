package dev.lpm.audit;

import dev.lpm.core.Finding;
import java.io.PrintWriter;

/** The human-readable audit report: containers worst first, each finding with what, why and fix. */
public final class ReportText {

    private ReportText() {}

    public static void print(AuditReport report, PrintWriter out) {
        if (report.containers().isEmpty()) {
            out.println("No running containers.");
            return;
        }
        for (AuditReport.ContainerFindings group : report.containers()) {
            out.println(group.container() + ": " + (group.findings().isEmpty() ? "no findings"
                    : group.findings().size() + " finding" + (group.findings().size() == 1 ? "" : "s")
                    + ", worst " + group.worst().orElseThrow().label()));
            group.facts().forEach(fact -> out.println("  - " + fact));
            for (Finding f : group.findings()) {
                out.println("  [" + f.severity().label() + "] " + f.id()
                        + (f.reference().isEmpty() ? "" : " (" + f.reference() + ")"));
                out.println("      seen: " + f.seen());
                out.println("      why:  " + f.why());
                out.println("      fix:  " + f.fix());
            }
            out.println();
        }
        out.println(report.hasHighOrCritical()
                ? "High or critical findings: exit code " + AuditReport.EXIT_HIGH_OR_CRITICAL + "."
                : "Nothing high or critical.");
    }
}

package dev.lpm.audit.firewall;

import java.util.List;

/** What {@code lpm firewall} prints (and applies with --apply): a title, warnings, and the steps. */
public record FirewallPlan(String title, List<String> notes, List<FirewallStep> steps) {

    public FirewallPlan {
        notes = List.copyOf(notes);
        steps = List.copyOf(steps);
    }

    /** A POSIX sh script: notes as comments, one command per line. */
    public String script() {
        StringBuilder out = new StringBuilder("#!/bin/sh\n# ").append(title).append('\n');
        for (String note : notes) {
            out.append("# ").append(note).append('\n');
        }
        out.append("set -e\n");
        for (FirewallStep step : steps) {
            out.append(step.shell()).append('\n');
        }
        return out.toString();
    }
}

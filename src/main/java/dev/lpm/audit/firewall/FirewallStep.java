package dev.lpm.audit.firewall;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One firewall command. {@code mayFail} marks the idempotence helpers (create a chain that may exist,
 * delete a jump that may not), so the whole script can be run again safely.
 */
public record FirewallStep(List<String> argv, boolean mayFail) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    public FirewallStep {
        argv = List.copyOf(argv);
    }

    static FirewallStep run(String... argv) {
        return new FirewallStep(List.of(argv), false);
    }

    static FirewallStep tolerate(String... argv) {
        return new FirewallStep(List.of(argv), true);
    }

    /** The command as a line of {@code sh}. */
    public String shell() {
        String command = argv.stream().map(FirewallStep::quote).collect(Collectors.joining(" "));
        return mayFail ? command + " 2>/dev/null || true" : command;
    }

    static String quote(String arg) {
        return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}

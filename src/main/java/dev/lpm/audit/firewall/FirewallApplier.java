package dev.lpm.audit.firewall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plan's commands, in order, stopping at the first required one that fails. {@code prefix} runs
 * them elsewhere, e.g. {@code ip netns exec NS} in tests. Needs root (CAP_NET_ADMIN); the caller checks.
 */
public final class FirewallApplier {

    private final List<String> prefix;

    public FirewallApplier(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    public void apply(FirewallPlan plan) {
        for (FirewallStep step : plan.steps()) {
            List<String> command = new ArrayList<>(prefix);
            command.addAll(step.argv());
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out: " + step.shell());
                }
                if (process.exitValue() != 0 && !step.mayFail()) {
                    throw new IllegalStateException("firewall command failed (exit " + process.exitValue() + "): "
                            + step.shell() + (output.isBlank() ? "" : ": " + output.strip()));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying firewall rules", e);
            }
        }
    }
}

package dev.lpm.enforce;

import java.time.Duration;
import java.util.List;

/**
 * Runs one command to its end. {@link IptablesFirewall} runs every command through one, so a test can
 * record exactly what the firewall code runs.
 */
public interface CommandRunner {

    /** Runs {@code argv} (no shell); throws {@link FirewallException} if it cannot start or outlives {@code timeout}. */
    CommandResult run(List<String> argv, Duration timeout);
}

package dev.lpm.ui.dialogs;

import dev.lpm.policy.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * What the register dialog shows under the command: what lpm will really run, and why, as the policy
 * decided it for the command typed so far.
 *
 * @param level    how the command fares; the view styles the box by it
 * @param headline one sentence
 * @param command  the command lpm will run with the port filled in, or null when it will run nothing
 * @param details  the policy's changes, notes or reasons, one sentence each
 */
public record SecurityPreview(Level level, String headline, String command, List<String> details) {

    public enum Level {
        /** Nothing typed yet. */
        EMPTY,
        /** Runs as typed. */
        ALLOWED,
        /** Runs, secured: a container command with its publications bound to loopback (or isolated). */
        REWRITTEN,
        /** lpm never runs it; registration is not possible. */
        REFUSED,
        /** The kill switch holds it while a VPN is up. */
        BLOCKED
    }

    public static final String BLOCK_ADVICE = "Registration is refused while the VPN is up. Turn on \"Bypass kill switch\" "
            + "to run it anyway (its ports stay bound to loopback), or register it when the VPN is down.";

    public SecurityPreview {
        details = List.copyOf(details);
    }

    public static SecurityPreview empty() {
        return new SecurityPreview(Level.EMPTY, "Type a command to see what lpm will run.", null, List.of());
    }

    /** @param decision the policy's decision with {@code {port}} already filled in */
    public static SecurityPreview of(Decision decision) {
        return switch (decision) {
            case Decision.Allow a -> new SecurityPreview(Level.ALLOWED, "lpm runs the command as typed:", a.command(),
                    a.notes());
            case Decision.Rewrite r -> {
                List<String> details = new ArrayList<>(r.changes());
                details.addAll(r.notes());
                yield new SecurityPreview(Level.REWRITTEN, r.isolated() != null
                        ? "lpm runs the container on its internal network, reachable only through lpm:"
                        : "lpm runs this secured command instead:", r.rewrittenCommand(), details);
            }
            case Decision.Refuse r -> new SecurityPreview(Level.REFUSED, "lpm will not run this command.", null,
                    List.of(r.reason()));
            case Decision.Block b -> new SecurityPreview(Level.BLOCKED, b.message(), null, List.of(BLOCK_ADVICE));
        };
    }

    /** The same preview with {@code render} applied to its texts (e.g. {port} -> 4000 in the changes too). */
    public SecurityPreview mapText(java.util.function.UnaryOperator<String> render) {
        return new SecurityPreview(level, render.apply(headline), command == null ? null : render.apply(command),
                details.stream().map(render).toList());
    }

    /** Whether the dialog may offer registration (a block is offered: the backend answers with its message). */
    public boolean allowsRegistration() {
        return level != Level.REFUSED;
    }
}

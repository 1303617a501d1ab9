package dev.lpm.docker.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closes the hole that lets a neighbour reach ports published on 127.0.0.1 on Docker engines before 28.0
 * (moby/moby#45610, #41872). Docker DNATs {@code -d 127.0.0.1 --dport P} in nat PREROUTING on every
 * interface but docker0, before the kernel's "martian destination" check, so a machine on the same L2
 * segment that sends packets for 127.0.0.1 to this host's MAC address reaches the container. Docker 28
 * drops such packets itself; this installs the same rule: in the raw table, which runs before nat,
 * {@code iptables -t raw -I PREROUTING ! -i lo -d 127.0.0.0/8 -m comment --comment lpm-loopback-guard -j DROP}.
 * Packets for 127/8 never legitimately arrive on another interface, so the rule breaks nothing.
 *
 * <p>IPv4 only: the kernel never accepts ::1 from a non-loopback interface, and Docker before 28 does not
 * NAT IPv6 by default. Needs root (CAP_NET_ADMIN); without it {@link #apply()} says what to run.
 */
public final class LoopbackLeakMitigation {

    public static final String TAG = "lpm-loopback-guard";
    /** The engine version from which Docker drops these packets itself. */
    public static final int FIXED_IN_MAJOR = 28;
    /** The rule as a user applies it by hand: plain tag, nobody removes it but them. */
    static final List<String> RULE = rule(TAG);
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(TAG) + "/pid-(\\d+)");

    private final String iptables;
    /** Each lpm instance tags its copy with its pid, so one instance stopping never removes another's. */
    private final List<String> ownRule;

    public LoopbackLeakMitigation() {
        this(findIptables(), ProcessHandle.current().pid());
    }

    LoopbackLeakMitigation(String iptables) {
        this(iptables, ProcessHandle.current().pid());
    }

    LoopbackLeakMitigation(String iptables, long owner) {
        this.iptables = iptables;
        this.ownRule = rule(TAG + "/pid-" + owner);
    }

    private static List<String> rule(String comment) {
        return List.of("PREROUTING", "!", "-i", "lo", "-d", "127.0.0.0/8", "-m", "comment", "--comment", comment,
                "-j", "DROP");
    }

    /** Whether an engine of this version (e.g. "20.10.24+dfsg1") needs the rule; unknown versions do. */
    public static boolean engineNeedsIt(String engineVersion) {
        int major = EngineVersion.major(engineVersion);
        return major < 0 || major < FIXED_IN_MAJOR;
    }

    /** The exact command a root user runs to apply the rule by hand. */
    public static String applyCommand() {
        return "iptables -t raw -I " + String.join(" ", RULE);
    }

    public static String removeCommand() {
        return "iptables -t raw -D " + String.join(" ", RULE);
    }

    /** Whether this instance's copy of the rule is in raw PREROUTING. */
    public boolean isApplied() {
        return iptables("-C", ownRule).exitCode() == 0;
    }

    /**
     * Inserts this instance's copy first in raw PREROUTING unless it is there, after clearing copies
     * that instances which died without cleaning up left behind; returns whether it inserted it.
     */
    public boolean apply() {
        requireRoot(applyCommand());
        removeCopiesOfDeadInstances();
        if (isApplied()) {
            return false;
        }
        check(iptables("-I", ownRule), applyCommand());
        return true;
    }

    /** Removes this instance's copies (never another instance's, nor one a user applied); returns how many. */
    public int remove() {
        requireRoot(removeCommand());
        int removed = 0;
        while (isApplied()) {
            check(iptables("-D", ownRule), removeCommand());
            removed++;
        }
        return removed;
    }

    private void removeCopiesOfDeadInstances() {
        Result listing = run(List.of(iptables, "-w", "5", "-t", "raw", "-S", "PREROUTING"));
        Matcher owned = OWNED.matcher(listing.output());
        while (owned.find()) {
            long pid = Long.parseLong(owned.group(1));
            if (ProcessHandle.of(pid).isEmpty()) {
                List<String> stale = rule(TAG + "/pid-" + pid);
                while (iptables("-C", stale).exitCode() == 0) {
                    check(iptables("-D", stale), "iptables -t raw -D " + String.join(" ", stale));
                }
            }
        }
    }

    private void requireRoot(String command) {
        if (!isRoot()) {
            throw new MitigationException("changing the firewall needs root; run as root: " + command);
        }
    }

    private static void check(Result result, String command) {
        if (result.exitCode() != 0) {
            throw new MitigationException(command + " failed (exit " + result.exitCode() + "): " + result.output().strip());
        }
    }

    private Result iptables(String action, List<String> rule) {
        List<String> command = new ArrayList<>(List.of(iptables, "-w", "5", "-t", "raw", action));
        command.addAll(rule);
        return run(command);
    }

    private Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new MitigationException("cannot run " + iptables + " (apt-get install iptables): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MitigationException("interrupted while running " + String.join(" ", command));
        }
    }

    private record Result(int exitCode, String output) {}

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String findIptables() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin")) {
            Path candidate = Path.of(dir, "iptables");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return "iptables";
    }

    /** The rule could not be applied or removed; the message says what to do. */
    public static final class MitigationException extends RuntimeException {
        public MitigationException(String message) {
            super(message);
        }
    }
}

package dev.lpm.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a process and everything it started. The descendants are snapshotted first, because once a
 * parent dies its children are re-parented and no longer show up as descendants. When the root leads
 * its own process group (see {@link ShellLaunch}) the group is signalled, which also reaches children
 * that were started after the snapshot.
 *
 * <p>Every process gets exactly one SIGTERM: the group's members through the group, the processes that
 * left it (their own {@code setsid}) one by one. Tools such as docker-compose read a second SIGTERM as
 * "force quit" and skip their clean shutdown, leaving containers behind.
 */
final class ProcessTree {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);
    private static final Duration RECHECK = Duration.ofMillis(50);

    private ProcessTree() {}

    /** The root and all its current descendants. */
    static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    /**
     * SIGTERM to the tree, up to {@code grace} for it to exit, then SIGKILL to what is left. Returns the
     * processes it saw; when it returns none of them is alive (see {@link #hasExited}).
     */
    static List<ProcessHandle> terminate(ProcessHandle root, boolean ownGroup, Duration grace) {
        List<ProcessHandle> tree = snapshot(root);
        if (ownGroup) {
            signalGroup(root.pid(), "TERM");
            tree.stream().filter(p -> !inGroup(p.pid(), root.pid())).forEach(ProcessHandle::destroy);
        } else {
            tree.forEach(ProcessHandle::destroy);
        }
        if (!awaitExit(tree, grace)) {
            if (ownGroup) {
                signalGroup(root.pid(), "KILL");
            }
            tree.forEach(ProcessHandle::destroyForcibly);
            if (!awaitExit(tree, AFTER_KILL)) {
                LOG.warn("processes survived SIGKILL: {}", tree.stream().filter(p -> !hasExited(p)).toList());
            }
        }
        return tree;
    }

    /**
     * Kills whatever is left in the process group led by {@code pgid} once its leader has exited, so a
     * crashed service leaves no orphans holding its port. A no-op when the group is already empty.
     */
    static void killGroup(long pgid) {
        signalGroup(pgid, "KILL");
    }

    /**
     * Waits on the processes' {@code onExit()} futures until all have exited or {@code timeout} passed.
     * Java counts a zombie as alive, and for a process that is not our child {@code onExit()} only
     * notices the exit once the new parent reaped it (which some container inits do seconds later), so
     * the wait also ends, re-checked every {@link #RECHECK}, once every process has exited or is a zombie.
     */
    static boolean awaitExit(List<ProcessHandle> tree, Duration timeout) {
        CompletableFuture<?> all = CompletableFuture.allOf(
                tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!tree.stream().allMatch(ProcessTree::hasExited)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                all.get(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                // re-check for zombies
            } catch (ExecutionException e) {
                return tree.stream().allMatch(ProcessTree::hasExited);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Whether the process is gone or a zombie: exited, holding no port or memory, just not yet reaped. */
    static boolean hasExited(ProcessHandle process) {
        return !process.isAlive() || isZombie(process.pid());
    }

    /** Linux only (elsewhere false): the state field after the command name in /proc/PID/stat is 'Z'. */
    private static boolean isZombie(long pid) {
        return ProcStat.read(pid).map(stat -> stat.state() == 'Z').orElse(false);
    }

    /**
     * Whether {@code pid} is in the process group {@code pgid}. Where that cannot be read (not Linux,
     * or the process is already gone) it counts as in the group: the group signal reached it or it
     * needs none.
     */
    private static boolean inGroup(long pid, long pgid) {
        return ProcStat.read(pid).map(stat -> stat.processGroup() == pgid).orElse(true);
    }

    /** {@code kill -SIG -- -PGID}: Java has no API to signal a process group. */
    private static void signalGroup(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(2, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.debug("cannot signal process group {}: {}", pgid, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

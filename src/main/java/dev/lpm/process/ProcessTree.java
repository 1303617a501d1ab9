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
 * its own process group (see {@link ShellCommand}) the group is signalled too, which also reaches
 * children that were started after the snapshot or double-forked away from the tree.
 */
final class ProcessTree {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

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
     * processes it saw; when it returns normally none of them is alive.
     */
    static List<ProcessHandle> terminate(ProcessHandle root, boolean ownGroup, Duration grace) {
        List<ProcessHandle> tree = snapshot(root);
        if (ownGroup) {
            signalGroup(root.pid(), "TERM");
        }
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, grace)) {
            if (ownGroup) {
                signalGroup(root.pid(), "KILL");
            }
            tree.forEach(ProcessHandle::destroyForcibly);
            if (!awaitExit(tree, AFTER_KILL)) {
                LOG.warn("processes survived SIGKILL: {}", tree.stream().filter(ProcessHandle::isAlive).toList());
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

    /** Waits, without polling, until every process in {@code tree} has exited or {@code timeout} passed. */
    static boolean awaitExit(List<ProcessHandle> tree, Duration timeout) {
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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

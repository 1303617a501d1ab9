package dev.lpm.app;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's shutdown hook (SIGTERM, Ctrl-C, logout): closes the instance, which stops every service
 * in parallel, each within its grace period plus the SIGKILL wait. Should that ever take longer than
 * the longest grace plus a margin, the JVM halts anyway: a stop that never finishes is worse than one
 * that skips the rest of the cleanup (the services were signalled first; the next instance stops any
 * survivor through its run journal).
 */
final class BoundedShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedShutdown.class);
    /** Past the longest grace: SIGKILL's own wait (5 s) plus closing the proxy, the guard and the engine client. */
    static final Duration MARGIN = Duration.ofSeconds(15);

    private BoundedShutdown() {}

    static void install(Lpm lpm) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("lpm-shutdown").unstarted(() -> run(lpm)));
    }

    private static void run(Lpm lpm) {
        Duration limit = longestGrace(lpm).plus(MARGIN);
        Thread closing = Thread.ofPlatform().name("lpm-shutdown-close").daemon().start(lpm::close);
        try {
            closing.join(limit);
            if (closing.isAlive()) {
                LOG.error("stopping the instance took longer than {}s; exiting without the rest of the cleanup",
                        limit.toSeconds());
                Runtime.getRuntime().halt(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The longest stop grace of any registered service (its own, or the setting). */
    static Duration longestGrace(Lpm lpm) {
        Duration fallback = lpm.settings().stopGrace();
        return lpm.services().list().stream()
                .map(s -> s.spec().stopGraceOr(fallback))
                .max(Duration::compareTo)
                .orElse(fallback);
    }
}

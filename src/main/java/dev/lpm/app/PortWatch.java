package dev.lpm.app;

import dev.lpm.service.ServiceManager;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps aliases' states current (running while something serves the port) by probing once a second on
 * its own thread, so that listing services, from the CLI or the window, never waits on a socket.
 */
final class AliasWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AliasWatch.class);
    static final Duration EVERY = Duration.ofSeconds(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lpm-alias-watch").daemon().factory());

    static AliasWatch start(ServiceManager services) {
        AliasWatch watch = new AliasWatch();
        watch.timer.scheduleWithFixedDelay(() -> {
            try {
                services.refreshAliases();
            } catch (RuntimeException e) {
                LOG.warn("alias check failed", e);
            }
        }, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package dev.lpm.app;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceState;
import dev.lpm.events.EventBus;
import dev.lpm.service.ServiceManager;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what lpm knows about its services' ports current, on a platform thread of its own, so that
 * listing services (CLI, window) never waits on a socket or a file: whether something serves each
 * alias's port, and where running services listen (read when one starts running, and again now and
 * then, since a dev server may bind anew after a reload).
 */
final class PortWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortWatch.class);
    static final Duration ALIASES_EVERY = Duration.ofSeconds(1);
    /** Less often: one read of /proc/net/tcp{,6} costs tens of milliseconds with thousands of sockets. */
    static final Duration EXPOSURES_EVERY = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lpm-port-watch").daemon().factory());
    private final EventBus.Subscription subscription;

    private PortWatch(ServiceManager services, EventBus events) {
        every(ALIASES_EVERY, "alias check", services::refreshAliases);
        every(EXPOSURES_EVERY, "listening address check", services::refreshExposures);
        // The bus delivers on the publisher's thread, often with the registry's lock held: read elsewhere.
        subscription = events.subscribe(event -> {
            if (event instanceof LpmEvent.ServiceChanged changed && runsWithExposureUnread(changed.service())) {
                var name = changed.service().name();
                timer.execute(() -> guarded("listening address check", () -> services.refreshExposure(name)));
            }
        });
    }

    static PortWatch start(ServiceManager services, EventBus events) {
        return new PortWatch(services, events);
    }

    private static boolean runsWithExposureUnread(Service service) {
        return service.state() == ServiceState.RUNNING && service.status().exposure() == null
                && !service.spec().isAlias();
    }

    private void every(Duration period, String what, Runnable refresh) {
        timer.scheduleWithFixedDelay(() -> guarded(what, refresh), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static void guarded(String what, Runnable refresh) {
        try {
            refresh.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed", what, e);
        }
    }

    @Override
    public void close() {
        subscription.close(); // first, so no event hands work to a stopped timer
        timer.shutdownNow();
    }
}

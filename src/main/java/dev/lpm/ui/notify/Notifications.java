package dev.lpm.ui.notify;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.events.EventBus;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import dev.lpm.ui.tray.TrayIndicator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications for lpm's events: block bursts, VPN up/down, crashed services (what and how
 * often: {@link NotificationThrottle}). Events arrive on the UI thread through {@link FxEvents} and are
 * handed to one daemon thread, "lpm-notify", which owns the throttle and does the sending (D-Bus calls
 * block, so never on the FX thread).
 */
public final class Notifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final NotificationThrottle throttle;
    private final NotifierChain chain;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lpm-notify");
        t.setDaemon(true);
        return t;
    });
    private final EventBus.Subscription subscription;
    private ScheduledFuture<?> flush; // only touched on the notify thread
    private java.time.Instant flushAt;

    private Notifications(DesktopBackend backend, FxEvents events, List<DesktopNotifier> notifiers, Clock clock,
                          Duration blockWindow) {
        this.clock = clock;
        Map<ServiceName, ServiceState> states = backend.services().stream()
                .collect(Collectors.toMap(Service::name, Service::state));
        this.throttle = new NotificationThrottle(clock, blockWindow, backend.vpn().active(), backend.settings(), states);
        this.chain = new NotifierChain(notifiers);
        this.subscription = events.listen(event -> thread.execute(() -> handle(event)));
    }

    /**
     * Starts notifications the app's way: in the window while it shows, else the desktop's notification
     * service on the session bus ({@code DBUS_SESSION_BUS_ADDRESS}, when set), else a tray message.
     *
     * @param visibleWindow called on the FX thread: the main window when it is showing
     * @param tray          the tray icon, when the desktop has one
     */
    public static Notifications start(DesktopBackend backend, FxEvents events,
                                      Supplier<Optional<Window>> visibleWindow, Optional<TrayIndicator> tray) {
        return start(backend, events, visibleWindow, tray,
                Optional.ofNullable(System.getenv("DBUS_SESSION_BUS_ADDRESS")));
    }

    /** As above, with the session bus address given (an app started with another environment, tests). */
    public static Notifications start(DesktopBackend backend, FxEvents events, Supplier<Optional<Window>> visibleWindow,
                                      Optional<TrayIndicator> tray, Optional<String> sessionBus) {
        List<DesktopNotifier> notifiers = new ArrayList<>();
        notifiers.add(new InWindowNotifier(visibleWindow));
        sessionBus.filter(a -> !a.isBlank()).ifPresent(address -> notifiers.add(new FreedesktopNotifier(address)));
        tray.filter(TrayIndicator::canDisplayMessages).ifPresent(t -> notifiers.add(new TrayMessageNotifier(t)));
        return start(backend, events, notifiers, Clock.systemUTC(), NotificationThrottle.BLOCK_WINDOW);
    }

    /** Starts with the given notifiers, tried in order (tests, other platforms). */
    public static Notifications start(DesktopBackend backend, FxEvents events, List<DesktopNotifier> notifiers,
                                      Clock clock, Duration blockWindow) {
        return new Notifications(backend, events, notifiers, clock, blockWindow);
    }

    private void handle(LpmEvent event) {
        try {
            throttle.accept(event).forEach(chain::show);
            scheduleFlush();
        } catch (RuntimeException e) {
            LOG.warn("notification for {} failed", event.getClass().getSimpleName(), e);
        }
    }

    /** A flush at the throttle's next due time (a block burst closing, a crash loop over), earliest first. */
    private void scheduleFlush() {
        throttle.nextDueAt().ifPresent(due -> {
            if (flush != null && !due.isBefore(flushAt)) {
                return;
            }
            if (flush != null) {
                flush.cancel(false);
            }
            long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
            flushAt = due;
            flush = thread.schedule(this::flushDue, delay, TimeUnit.MILLISECONDS);
        });
    }

    private void flushDue() {
        flush = null;
        try {
            throttle.flushDue().forEach(chain::show);
            // a clock that lags the scheduler leaves something due: look again shortly
            if (throttle.nextDueAt().filter(due -> !due.isAfter(clock.instant())).isPresent()) {
                flushAt = clock.instant();
                flush = thread.schedule(this::flushDue, 50, TimeUnit.MILLISECONDS);
            } else {
                scheduleFlush();
            }
        } catch (RuntimeException e) {
            LOG.warn("notification failed", e);
        }
    }

    @Override
    public void close() {
        subscription.close();
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        chain.close();
    }
}

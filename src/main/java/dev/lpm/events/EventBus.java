package dev.lpm.events;

import dev.lpm.core.LpmEvent;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one event stream. Delivery is synchronous on the publisher's thread, in subscription order, so
 * subscribers must be quick: one that needs to do real work (the UI, a control-API stream) hands the
 * event to its own thread or queue. A failing subscriber is logged and does not affect the others.
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final CopyOnWriteArrayList<Consumer<? super LpmEvent>> subscribers = new CopyOnWriteArrayList<>();
    /** One slot per publishing thread, so a watchdog can see a publish that never ends (no allocation per event). */
    private final Set<PublishSlot> slots = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<PublishSlot> slot = ThreadLocal.withInitial(() -> {
        PublishSlot s = new PublishSlot(Thread.currentThread());
        slots.add(s);
        return s;
    });

    /** Subscribes; close the returned handle to unsubscribe. */
    public Subscription subscribe(Consumer<? super LpmEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(LpmEvent event) {
        PublishSlot mine = slot.get();
        if (mine.depth++ == 0) {
            mine.event = event.getClass().getSimpleName();
            mine.since = System.nanoTime();
        }
        try {
            for (Consumer<? super LpmEvent> subscriber : subscribers) {
                try {
                    subscriber.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("event subscriber failed on {}", event.getClass().getSimpleName(), e);
                }
            }
        } finally {
            if (--mine.depth == 0) {
                mine.since = 0;
            }
        }
    }

    /** The longest publish still running, if it has run longer than {@code threshold}: a stuck subscriber. */
    public Optional<String> publishLongerThan(Duration threshold) {
        long now = System.nanoTime();
        slots.removeIf(s -> s.thread.refersTo(null) || !s.thread.get().isAlive());
        return slots.stream()
                .filter(s -> s.since != 0 && now - s.since > threshold.toNanos())
                .findFirst()
                .map(s -> "publishing " + s.event + " on thread " + threadName(s) + " has not finished for "
                        + Duration.ofNanos(now - s.since).toSeconds() + "s");
    }

    private static String threadName(PublishSlot s) {
        Thread t = s.thread.get();
        return t == null ? "?" : t.getName();
    }

    /** Written by its own thread only; read by the watchdog. */
    private static final class PublishSlot {
        final WeakReference<Thread> thread;
        int depth;
        volatile long since;
        volatile String event;

        PublishSlot(Thread thread) {
            this.thread = new WeakReference<>(thread);
        }
    }

    /** A subscription handle; closing it twice is harmless. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

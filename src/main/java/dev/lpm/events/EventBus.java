package dev.lpm.events;

import dev.lpm.core.LpmEvent;
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

    /** Subscribes; close the returned handle to unsubscribe. */
    public Subscription subscribe(Consumer<? super LpmEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(LpmEvent event) {
        for (Consumer<? super LpmEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event subscriber failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    /** A subscription handle; closing it twice is harmless. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

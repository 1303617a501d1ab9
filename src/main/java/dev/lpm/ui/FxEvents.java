package dev.lpm.ui;

import dev.lpm.core.LpmEvent;
import dev.lpm.events.EventBus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The one place where lpm's events cross to the FX thread: it subscribes to the event bus once and
 * re-delivers every event, in order, on the UI thread to the UI's listeners. ViewModels take an
 * {@code FxEvents} built with a direct executor in unit tests, so they run without a toolkit.
 */
public final class FxEvents implements AutoCloseable {

    private final List<Consumer<? super LpmEvent>> listeners = new CopyOnWriteArrayList<>();
    private final EventBus.Subscription subscription;

    /**
     * @param uiThread runs a task on the UI thread: {@code Platform::runLater} in the app, {@code Runnable::run}
     *                 in ViewModel tests
     */
    public FxEvents(EventBus bus, Executor uiThread) {
        this.subscription = bus.subscribe(event -> uiThread.execute(() -> deliver(event)));
    }

    /** Adds a listener that is called on the UI thread; close the handle to remove it. */
    public EventBus.Subscription listen(Consumer<? super LpmEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void deliver(LpmEvent event) {
        for (Consumer<? super LpmEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(FxEvents.class).warn("UI listener failed on {}",
                        event.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}

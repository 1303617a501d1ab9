package dev.lpm.ui.window;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.events.EventBus;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Containers the kill switch stopped, oldest first, kept current by ContainerBlocked and
 * ContainerResumed events; resuming one runs off the UI thread and says why when it is refused.
 */
public final class BlockedViewModel implements AutoCloseable {

    private final DesktopBackend backend;
    private final BackgroundWork work;
    private final ObservableList<BlockEvent> blocked = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final EventBus.Subscription subscription;

    public BlockedViewModel(DesktopBackend backend, FxEvents events, BackgroundWork work) {
        this.backend = backend;
        this.work = work;
        this.subscription = events.listen(this::onEvent);
        backend.blockedContainers().forEach(this::add);
    }

    private void onEvent(LpmEvent event) {
        switch (event) {
            case LpmEvent.ContainerBlocked b -> add(b.block());
            case LpmEvent.ContainerResumed r -> remove(r.containerId());
            default -> { }
        }
    }

    /** A container blocked again (stopped, restarted by hand, blocked again) replaces its older entry. */
    private void add(BlockEvent block) {
        remove(block.containerId());
        blocked.add(block);
    }

    private void remove(String containerId) {
        blocked.removeIf(b -> b.containerId().equals(containerId));
    }

    /**
     * Starts the container again. While a VPN is up and the kill switch is on the backend refuses;
     * its reason becomes {@link #messageProperty()}.
     */
    public void resume(BlockEvent block) {
        message.set("Resuming " + block.name() + "…");
        work.run("Resuming " + block.name(), () -> {
            backend.resume(block.containerId());
            return block;
        }, resumed -> {
            remove(resumed.containerId());
            message.set("Resumed " + resumed.name() + ".");
        }, why -> message.set("Cannot resume " + block.name() + ": " + why));
    }

    public ObservableList<BlockEvent> blocked() {
        return blocked;
    }

    /** The outcome of the last resume, for the view's status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    @Override
    public void close() {
        subscription.close();
    }
}

package dev.lpm.testsupport;

import dev.lpm.ui.notify.FreedesktopNotifications;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Owns {@code org.freedesktop.Notifications} on a test bus, as a desktop's notification server does, and
 * records every Notify call that reaches it over the bus.
 */
public final class RecordingNotificationServer implements FreedesktopNotifications, AutoCloseable {

    public record Call(String appName, String appIcon, String summary, String body, Map<String, Variant<?>> hints,
                int expireTimeout) {
        public Object urgency() {
            Variant<?> v = hints.get("urgency");
            return v == null ? null : v.getValue();
        }
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final DBusConnection connection;

    public RecordingNotificationServer(String busAddress) throws Exception {
        connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        connection.requestBusName(BUS_NAME);
        connection.exportObject(OBJECT_PATH, this);
    }

    @Override
    public UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                         String[] actions, Map<String, Variant<?>> hints, int expireTimeout) {
        calls.add(new Call(appName, appIcon, summary, body, Map.copyOf(hints), expireTimeout));
        return new UInt32(ids.incrementAndGet());
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    /** Waits until at least {@code count} Notify calls arrived. */
    public List<Call> awaitCalls(int count, java.time.Duration atMost) {
        org.awaitility.Awaitility.await("Notify calls on the bus").atMost(atMost).until(() -> calls.size() >= count);
        return List.copyOf(calls);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}

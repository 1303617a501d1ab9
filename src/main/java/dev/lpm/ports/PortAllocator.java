package dev.lpm.ports;

import dev.lpm.core.PortRange;
import dev.lpm.core.Settings;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out ports from a range and remembers which ones belong to services, so no port is given to
 * two services. Thread-safe: every method holds this object's lock, so check-and-reserve is atomic.
 */
public final class PortAllocator {

    private final PortRange range;
    private final Set<Integer> excluded;
    private final PortProbe probe;
    private final Set<Integer> reserved = new HashSet<>();
    /** The last port handed out; the next search starts after it, so a released port is not reused at once. */
    private int cursor;

    public PortAllocator(PortRange range, Set<Integer> excluded, PortProbe probe) {
        this.range = range;
        this.excluded = Set.copyOf(excluded);
        this.probe = probe;
        this.cursor = range.last();
    }

    /** Reserves and returns the next port in the range that is not excluded, not reserved and free. */
    public synchronized int allocate() {
        int assigned = 0;
        int inUse = 0;
        int excludedCount = 0;
        for (int i = 1; i <= range.size(); i++) {
            int port = range.first() + Math.floorMod(cursor - range.first() + i, range.size());
            if (excluded.contains(port)) {
                excludedCount++;
            } else if (reserved.contains(port)) {
                assigned++;
            } else if (!probe.isFree(port)) {
                inUse++;
            } else {
                reserved.add(port);
                cursor = port;
                return port;
            }
        }
        throw new PortUnavailableException("no free port left in " + range + ": "
                + count(assigned, "is assigned to a service", "are assigned to services") + ", "
                + count(inUse, "is in use by another program", "are in use by other programs") + ", "
                + count(excludedCount, "is excluded", "are excluded") + "; widen portRange in settings.json");
    }

    /** The port {@link #allocate()} would hand out now, without reserving it (for previews); empty when none is free. */
    public synchronized java.util.OptionalInt peek() {
        for (int i = 1; i <= range.size(); i++) {
            int port = range.first() + Math.floorMod(cursor - range.first() + i, range.size());
            if (!excluded.contains(port) && !reserved.contains(port) && probe.isFree(port)) {
                return java.util.OptionalInt.of(port);
            }
        }
        return java.util.OptionalInt.empty();
    }

    /** Reserves a port the user chose (--port), which may lie outside the range. */
    public synchronized void reserve(int port) {
        if (port < 1 || port > 65_535) {
            throw new PortUnavailableException("port " + port + " is outside 1-65535");
        }
        if (excluded.contains(port)) {
            throw new PortUnavailableException(Settings.BROWSER_UNSAFE_PORTS.contains(port)
                    ? "port " + port + " is refused by browsers (unsafe port); choose another"
                    : "port " + port + " is excluded in settings.json (excludedPorts); choose another");
        }
        if (reserved.contains(port)) {
            throw new PortUnavailableException("port " + port + " is already assigned to another service");
        }
        if (!probe.isFree(port)) {
            throw new PortUnavailableException("port " + port + " is in use by " + PortOwner.describeHolder(port)
                    + " (on 127.0.0.1 or ::1); stop it, or choose another port");
        }
        reserved.add(port);
    }

    /**
     * Reserves a port a registered service already owns, without probing: it is that service's even
     * while the service runs (loading the registry at startup).
     */
    public synchronized void reserveExisting(int port) {
        if (!reserved.add(port)) {
            throw new PortUnavailableException("port " + port + " is already assigned to another service");
        }
    }

    public synchronized void release(int port) {
        reserved.remove(port);
    }

    public synchronized boolean isReserved(int port) {
        return reserved.contains(port);
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}

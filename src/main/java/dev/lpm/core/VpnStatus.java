package dev.lpm.core;

import java.util.List;
import java.util.Optional;

/**
 * The VPN detector's verdict, with its explanation. It holds no timestamp, so {@code equals} compares
 * verdicts: the detector publishes {@link LpmEvent.VpnChanged} (which carries the time) only when a new
 * verdict is not equal to the previous one.
 *
 * @param active         a VPN tunnel is up: a matching interface is up (has carrier) with an address, or
 *                       a point-to-point interface carries the public route
 * @param interfaces     the interfaces that made the verdict active, sorted by name
 * @param processes      running VPN client processes (from the slower process scan), sorted
 * @param routeInterface the interface the kernel uses for public traffic, or null when there is no public route
 * @param reasons        why the verdict is what it is, one sentence each ("tun0 is up with 10.8.0.2 and
 *                       carries the public route (0.0.0.0/1)")
 * @param hints          what was noticed but did not count: a client process without a tunnel, a matching
 *                       interface that is down, ProtonVPN kill-switch placeholders
 */
public record VpnStatus(boolean active, List<String> interfaces, List<String> processes, String routeInterface,
                        List<String> reasons, List<String> hints) {

    /** Before the first detection. */
    public static final VpnStatus UNKNOWN = new VpnStatus(false, List.of(), List.of(), null,
            List.of("not checked yet"), List.of());

    public VpnStatus {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        processes = processes == null ? List.of() : List.copyOf(processes);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        hints = hints == null ? List.of() : List.copyOf(hints);
    }

    public Optional<String> publicRouteInterface() {
        return Optional.ofNullable(routeInterface);
    }

    /** One line for logs and the proxy's lock marker: "VPN active: tun0" or "no VPN". */
    public String summary() {
        return active ? "VPN active: " + String.join(", ", interfaces) : "no VPN";
    }
}

package dev.lpm.core;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a service's port listens, from the addresses its listening sockets are bound to: loopback only,
 * a specific address other machines can reach, or every interface. The one place that turns listening
 * addresses into that verdict; whether an address is loopback is {@link LoopbackAddress}'s call.
 *
 * @param reach     the widest reach among the addresses
 * @param addresses every address a socket listens on for the port, as the kernel's socket table prints
 *                  them ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1}, {@code ::1}, {@code 192.168.1.5}),
 *                  distinct and sorted
 */
public record PortExposure(Reach reach, List<String> addresses) {

    /** Narrowest first, so the widest of several is the greatest. */
    public enum Reach {
        /** 127.0.0.0/8 and ::1 only: this machine alone reaches it. */
        LOOPBACK,
        /** At least one specific non-loopback address (a LAN or VPN address): that network reaches it. */
        ADDRESS,
        /** 0.0.0.0 or ::: every network this machine is on reaches it. */
        ALL_INTERFACES;

        /** How users read it, in JSON: {@code loopback}, {@code address}, {@code all-interfaces}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The reach with this {@link #label()}. */
        public static Reach ofLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** The wildcard addresses as the kernel's socket table prints them (an IPv4-mapped one reads 0.0.0.0). */
    private static final List<String> EVERY_INTERFACE = List.of("0.0.0.0", "::");

    public PortExposure {
        java.util.Objects.requireNonNull(reach, "reach");
        addresses = addresses.stream().distinct().sorted().toList();
    }

    /** The verdict for a port whose sockets listen on {@code addresses}; empty when nothing listens. */
    public static Optional<PortExposure> of(Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        Reach widest = addresses.stream().map(PortExposure::reachOf).max(Reach::compareTo).orElseThrow();
        return Optional.of(new PortExposure(widest, List.copyOf(addresses)));
    }

    private static Reach reachOf(String address) {
        if (EVERY_INTERFACE.contains(address)) {
            return Reach.ALL_INTERFACES;
        }
        return LoopbackAddress.isLoopback(address) ? Reach.LOOPBACK : Reach.ADDRESS;
    }

    public boolean beyondLoopback() {
        return reach != Reach.LOOPBACK;
    }

    /** The addresses other machines may reach the port on: {@code 0.0.0.0}, {@code ::}, {@code 192.168.1.5}. */
    public List<String> beyondLoopbackAddresses() {
        return addresses.stream().filter(address -> !LoopbackAddress.isLoopback(address)).toList();
    }
}

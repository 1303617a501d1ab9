package dev.lpm.vpn;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * Asks the kernel which source address it would use for a public destination: a UDP socket that is
 * connected but never written to sends no packet, yet the kernel has done the full route lookup,
 * including policy rules (wg-quick), /1 overrides (OpenVPN def1) and metrics. The source address is then
 * mapped back to its interface.
 */
public final class UdpRouteProbe implements RouteProbe {

    /** The public address probed (recorded routing tables are looked up for the same one in tests). */
    static final String PROBE = "1.1.1.1";

    private final List<InetSocketAddress> targets;

    /** Probes 1.1.1.1, then 2606:4700:4700::1111 when IPv4 has no route. Port 53; nothing is sent. */
    public UdpRouteProbe() {
        this(List.of(new InetSocketAddress(InetAddress.ofLiteral(PROBE), 53),
                new InetSocketAddress(InetAddress.ofLiteral("2606:4700:4700::1111"), 53)));
    }

    public UdpRouteProbe(List<InetSocketAddress> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public PublicRoute publicRoute(List<InterfaceEvidence> interfaces) throws IOException {
        for (InetSocketAddress target : targets) {
            String source = sourceFor(target);
            if (source != null) {
                String name = interfaces.stream().filter(i -> i.addresses().contains(source))
                        .map(InterfaceEvidence::name).findFirst().orElse(null);
                return new PublicRoute(name, source, "kernel route to " + target.getAddress().getHostAddress(), false);
            }
        }
        return null;
    }

    private static String sourceFor(InetSocketAddress target) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(target);
            InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
            return local.getAddress().isAnyLocalAddress() ? null : Addresses.clean(local.getAddress().getHostAddress());
        } catch (SocketException | UnsupportedOperationException e) {
            return null; // "Network is unreachable": no route for this family
        }
    }
}

package dev.lpm.docker.apiguard;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Where a published port may listen: the loopback address of the same family as the one asked for. */
final class LoopbackHostIp {

    private LoopbackHostIp() {}

    /**
     * {@code hostIp} itself when it is a loopback address, else 127.0.0.1 (::1 for an IPv6 address).
     * Empty, 0.0.0.0, :: and anything unparsable (Docker would refuse it anyway) become loopback too.
     */
    static String of(String hostIp) {
        String ip = hostIp == null ? "" : hostIp.strip();
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        InetAddress address;
        try {
            // ofLiteral never asks DNS: a name here is not an address.
            address = ip.isEmpty() ? null : InetAddress.ofLiteral(ip);
        } catch (IllegalArgumentException e) {
            address = null;
        }
        if (address == null) {
            return "127.0.0.1";
        }
        if (address.isLoopbackAddress()) {
            return hostIp;
        }
        return address instanceof Inet6Address ? "::1" : "127.0.0.1";
    }
}

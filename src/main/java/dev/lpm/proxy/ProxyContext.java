package dev.lpm.proxy;

import java.util.function.BooleanSupplier;

/** What every client connection of one proxy shares. */
record ProxyContext(ProxyConfig config, RouteTable routes, Upstreams upstreams, AccessLog accessLog,
                    BooleanSupplier vpn) {

    boolean vpnActive() {
        return vpn.getAsBoolean();
    }
}

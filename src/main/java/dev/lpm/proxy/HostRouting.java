package dev.lpm.proxy;

import java.util.Locale;

/**
 * Decides from the Host header where a request goes. Only {@code localhost}, {@code *.localhost} and the
 * loopback literals are served: any other name could be an attacker's domain re-pointed at 127.0.0.1
 * (DNS rebinding), so it is refused.
 */
final class HostRouting {

    private static final String SUFFIX = ".localhost";

    private HostRouting() {}

    sealed interface Target {}

    /** The bare proxy address: show the index of services. */
    record Index() implements Target {}

    /** A registered service. */
    record ToService(Route route) implements Target {}

    /** A {@code *.localhost} name no service answers to. */
    record Unknown(String name) implements Target {}

    /** Not a local name. */
    record Forbidden(String host) implements Target {}

    static Target resolve(String hostHeader, RouteTable routes) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return new Forbidden("");
        }
        String host = stripPort(hostHeader.trim()).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1); // "api.localhost." is the same name, fully qualified
        }
        if (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")) {
            return new Index();
        }
        if (!host.endsWith(SUFFIX)) {
            return new Forbidden(hostHeader);
        }
        String labels = host.substring(0, host.length() - SUFFIX.length());
        Route exact = routes.lookup(labels);
        if (exact != null) {
            return new ToService(exact);
        }
        int dot = labels.lastIndexOf('.');
        if (dot >= 0) {
            Route parent = routes.lookup(labels.substring(dot + 1));
            if (parent != null && parent.subdomains()) {
                return new ToService(parent);
            }
        }
        return new Unknown(labels);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}

package dev.lpm.proxy;

import dev.lpm.tls.ServedNames;
import java.util.List;

/**
 * The names the proxy makes certificates for, decided by {@link HostRouting} as for a Host header: the
 * index ({@code localhost}, with the loopback addresses for clients that send no name) and each
 * registered {@code NAME.localhost}, with {@code *.NAME.localhost} for a service with sub-domains. A name
 * no service answers to gets no certificate.
 */
final class RouteNames implements ServedNames {

    private static final String SUFFIX = ".localhost";
    private static final List<String> INDEX = List.of("localhost", "127.0.0.1", "::1");

    private final RouteTable routes;

    RouteNames(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public List<String> certificateNamesFor(String serverName) {
        if (serverName == null) {
            return INDEX;
        }
        String host = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        return switch (HostRouting.resolve(host, routes)) {
            case HostRouting.Index index -> INDEX;
            case HostRouting.ToService to -> namesOf(to.route(), host);
            case HostRouting.Unknown unknown -> List.of();
            case HostRouting.Forbidden forbidden -> List.of();
        };
    }

    /** One certificate per service: its name and, with sub-domains, the wildcard one level below it. */
    private static List<String> namesOf(Route route, String host) {
        String own = route.name() + SUFFIX;
        if (!route.subdomains()) {
            return List.of(own);
        }
        String wildcard = "*." + own;
        boolean deeper = !host.equals(own) && host.substring(0, host.length() - own.length() - 1).contains(".");
        // A wildcard covers one label: a name deeper than that gets a certificate of its own.
        return deeper ? List.of(host) : List.of(own, wildcard);
    }
}

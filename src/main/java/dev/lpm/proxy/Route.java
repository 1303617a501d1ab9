package dev.lpm.proxy;

import dev.lpm.core.Service;
import dev.lpm.core.ServiceState;

/** Where the proxy sends {@code NAME.localhost}: the service's port, and how it is doing. */
public record Route(String name, int port, ServiceState state, String reason, boolean subdomains) {

    static Route of(Service service) {
        return new Route(service.name().value(), service.spec().port(), service.state(), service.status().reason(),
                service.spec().flags().subdomains());
    }
}

package dev.lpm.registry;

import dev.lpm.core.ServiceSpec;

/** A registration used a name that is taken. */
public final class ServiceAlreadyExistsException extends RuntimeException {
    public ServiceAlreadyExistsException(ServiceSpec existing) {
        super("a service named '" + existing.name() + "' is already registered (port " + existing.port()
                + "); pick another name or unregister it first");
    }
}

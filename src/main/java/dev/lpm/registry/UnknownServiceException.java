package dev.lpm.registry;

import dev.lpm.core.ServiceName;
import java.util.Collection;
import java.util.stream.Collectors;

/** No service has the given name; the message lists the ones that exist. */
public final class UnknownServiceException extends RuntimeException {

    private final ServiceName name;

    public UnknownServiceException(ServiceName name, Collection<ServiceName> registered) {
        super("no service named '" + name + "' " + (registered.isEmpty()
                ? "(no services are registered)"
                : registered.stream().sorted().map(ServiceName::value)
                        .collect(Collectors.joining(", ", "(registered: ", ")"))));
        this.name = name;
    }

    public ServiceName name() {
        return name;
    }
}

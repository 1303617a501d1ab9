package dev.lpm.app;

import dev.lpm.ports.PortOwner;

/** Says what holds a port, for the "proxy port in use" message. */
final class PortOwnerDescription {

    private PortOwnerDescription() {}

    static String of(int port) {
        return PortOwner.describeHolder(port);
    }
}

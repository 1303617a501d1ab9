package dev.lpm.ports;

/** Tells whether a TCP port can be used by a new service right now. */
@FunctionalInterface
public interface PortProbe {
    boolean isFree(int port);
}

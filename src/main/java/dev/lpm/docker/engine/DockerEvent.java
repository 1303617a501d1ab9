package dev.lpm.docker.engine;

import java.time.Instant;

/**
 * One engine event the guard cares about.
 *
 * @param kind        what happened
 * @param containerId the container it happened to (for a network connect: the container connected)
 * @param time        when the engine says it happened (the engine's clock, nanosecond precision)
 */
public record DockerEvent(Kind kind, String containerId, Instant time) {

    public enum Kind {
        CREATE, START, DIE, NETWORK_CONNECT
    }
}

package dev.lpm.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A container the kill switch stopped because it was reachable from the network while a VPN was up.
 * Nothing is deleted: the container stays, stopped, until it is resumed.
 *
 * @param containerId   the full container id
 * @param name          the container's name, without Docker's leading slash
 * @param image         the image it was created from, as the user named it
 * @param ports         what it published, e.g. {@code 0.0.0.0:8080->80/tcp}; empty for host networking
 * @param reason        why it counted as exposed, one sentence ("publishes 0.0.0.0:8080->80/tcp")
 * @param at            when it was stopped
 * @param stoppedWithin how long it stayed exposed after the trigger: from the container's start event
 *                      (or from the VPN becoming active, for containers that were already running) to
 *                      the engine confirming the stop
 */
public record BlockEvent(String containerId, String name, String image, List<String> ports, String reason,
                         Instant at, Duration stoppedWithin) {

    public BlockEvent {
        ports = ports == null ? List.of() : List.copyOf(ports);
        stoppedWithin = stoppedWithin == null ? Duration.ZERO : stoppedWithin;
    }
}

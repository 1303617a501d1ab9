package dev.lpm.audit;

import java.time.Duration;

/**
 * A running container's network traffic since it started, summed over its interfaces, from the engine's
 * stats ({@code GET /containers/ID/stats}).
 *
 * @param interfaces how many interfaces it has besides loopback
 * @param observed   how long it has run (from {@code State.StartedAt} to the stats' {@code read}, on the engine's clock)
 */
public record NetworkActivity(int interfaces, long rxPackets, long txPackets, Duration observed) {}

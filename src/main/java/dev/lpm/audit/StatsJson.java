package dev.lpm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Reads a container's network traffic from the engine's stats ({@code GET /containers/ID/stats?stream=false}). */
public final class StatsJson {

    private StatsJson() {}

    /**
     * The packets over every interface in {@code networks}, observed from {@code startedAt} to the stats'
     * {@code read} time; empty when the stats have no networks (network none, or an engine that does not say).
     */
    public static Optional<NetworkActivity> network(JsonNode stats, Instant startedAt) {
        JsonNode networks = stats.path("networks");
        if (!networks.isObject() || networks.isEmpty()) {
            return Optional.empty();
        }
        long rx = 0;
        long tx = 0;
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = networks.fields(); it.hasNext(); ) {
            JsonNode counters = it.next().getValue();
            rx += counters.path("rx_packets").asLong(0);
            tx += counters.path("tx_packets").asLong(0);
            count++;
        }
        Duration observed = Duration.ZERO;
        try {
            Instant read = Instant.parse(stats.path("read").asText(""));
            if (startedAt != null && read.isAfter(startedAt)) {
                observed = Duration.between(startedAt, read);
            }
        } catch (DateTimeParseException e) {
            // no read time: nothing observed, so no verdict on it
        }
        return Optional.of(new NetworkActivity(count, rx, tx, observed));
    }
}

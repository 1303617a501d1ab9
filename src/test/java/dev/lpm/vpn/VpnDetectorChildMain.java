package dev.lpm.vpn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.VpnPatterns;
import dev.lpm.events.EventBus;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the real {@link VpnDetector} with its real probes; started inside a test namespace with
 * {@code ip netns exec} (Java cannot move a thread into another namespace). Prints every VpnChanged as
 * one JSON line ({"at":..., "status":{...}}) and exits when its stdin closes, so it never outlives the test.
 * Arguments: the interface and the process interval in milliseconds (default: the detector's defaults).
 */
public final class VpnDetectorChildMain {

    public static void main(String[] args) throws IOException {
        Duration interval = args.length > 0 ? Duration.ofMillis(Long.parseLong(args[0]))
                : VpnDetector.DEFAULT_INTERFACE_INTERVAL;
        Duration processInterval = args.length > 1 ? Duration.ofMillis(Long.parseLong(args[1]))
                : VpnDetector.DEFAULT_PROCESS_INTERVAL;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        EventBus bus = new EventBus();
        bus.subscribe(e -> {
            if (e instanceof LpmEvent.VpnChanged c) {
                ObjectNode line = Json.mapper().createObjectNode();
                line.put("at", c.at().toString());
                line.set("status", Json.mapper().valueToTree(c.status()));
                out.println(line);
            }
        });
        try (VpnDetector detector = new VpnDetector(VpnPatterns.DEFAULTS, bus, Clock.systemUTC(), interval,
                processInterval)) {
            detector.start();
            System.in.transferTo(java.io.OutputStream.nullOutputStream()); // until the parent closes stdin
        }
    }
}

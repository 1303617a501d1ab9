package dev.lpm.vpn;

import java.io.IOException;
import java.util.List;

/** Lists the machine's network interfaces. Runs every tick, so it must be cheap. */
@FunctionalInterface
public interface InterfaceProbe {
    List<InterfaceEvidence> interfaces() throws IOException;
}

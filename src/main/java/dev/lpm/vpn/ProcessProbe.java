package dev.lpm.vpn;

import java.util.List;

/** Names of the running processes. Runs at the slower process interval. */
@FunctionalInterface
public interface ProcessProbe {
    List<String> processNames();
}

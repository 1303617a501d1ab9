package dev.lpm.vpn;

import java.io.IOException;
import java.util.List;

/** Finds where public traffic goes. Runs every tick, so it must be cheap. */
@FunctionalInterface
public interface RouteProbe {
    /** The public route, with its interface resolved against {@code interfaces}; null when there is none. */
    PublicRoute publicRoute(List<InterfaceEvidence> interfaces) throws IOException;
}

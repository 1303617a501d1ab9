package dev.lpm.control;

import dev.lpm.core.VpnStatus;
import java.time.Instant;

/** The instance's current security facts, as the control API reports them. */
public interface SecuritySource {

    VpnStatus vpn();

    /** When the VPN verdict last changed. */
    Instant vpnSince();
}

package dev.lpm.control;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.VpnStatus;
import java.util.List;
import java.time.Instant;

/** The instance's current security facts, as the control API reports them. */
public interface SecuritySource {

    VpnStatus vpn();

    /** When the VPN verdict last changed. */
    Instant vpnSince();

    /** Containers the kill switch stopped and that were not resumed yet. */
    List<BlockEvent> blockedContainers();

    /** What lpm's firewall helper enforces now. */
    EnforcementView enforcement();

    /** Whether the Docker engine answers. */
    boolean dockerReachable();
}

package dev.lpm.core;

/**
 * Per-service switches.
 *
 * @param killSwitchBypass run even while a VPN is active (still bound to loopback)
 * @param isolated         run a Docker service on lpm's internal network, reachable only through lpm
 */
public record ServiceFlags(boolean killSwitchBypass, boolean isolated) {
    public static final ServiceFlags NONE = new ServiceFlags(false, false);
}

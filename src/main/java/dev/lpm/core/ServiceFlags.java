package dev.lpm.core;

/**
 * Per-service switches.
 *
 * @param killSwitchBypass run even while a VPN is active (still bound to loopback)
 * @param isolated         run a Docker service on lpm's internal network, reachable only through lpm
 * @param subdomains       also answer at {@code ANYTHING.NAME.localhost} (for apps that use subdomains)
 */
public record ServiceFlags(boolean killSwitchBypass, boolean isolated, boolean subdomains) {
    public static final ServiceFlags NONE = new ServiceFlags(false, false, false);
}

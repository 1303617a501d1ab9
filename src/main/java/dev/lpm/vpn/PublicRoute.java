package dev.lpm.vpn;

/**
 * Where public traffic goes.
 *
 * @param interfaceName   the interface, or null when only the source address is known (live probe before mapping)
 * @param sourceAddress   the source address the kernel picked, or null (recorded tables)
 * @param via             how it was found, for the reasons: "0.0.0.0/1", "default route", "table 51820", or null
 * @param overridesDefault the route is a /1 that overrides the default route (OpenVPN def1)
 */
public record PublicRoute(String interfaceName, String sourceAddress, String via, boolean overridesDefault) {}

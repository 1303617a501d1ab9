package dev.lpm.audit;

import dev.lpm.core.VpnStatus;

/**
 * What the container rules need to know besides the container itself.
 *
 * @param vpnActive             a VPN is up now (the VPN detector's verdict, passed in, never probed here)
 * @param engineNoNewPrivileges the engine sets no-new-privileges for every container (daemon.json), which
 *                              {@code docker inspect} does not show per container
 */
public record AuditContext(boolean vpnActive, boolean engineNoNewPrivileges) {

    public static final AuditContext NO_VPN = new AuditContext(false, false);

    public static AuditContext of(VpnStatus vpn, boolean engineNoNewPrivileges) {
        return new AuditContext(vpn != null && vpn.active(), engineNoNewPrivileges);
    }
}

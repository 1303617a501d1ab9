package dev.lpm.audit;

import dev.lpm.core.VpnStatus;

/**
 * What the container rules need to know besides the container itself.
 *
 * @param vpnActive             a VPN is up now (the VPN detector's verdict, passed in, never probed here)
 * @param engineNoNewPrivileges the engine sets no-new-privileges for every container (daemon.json), which
 *                              {@code docker inspect} does not show per container
 * @param logForwarder          the running container that ships the engine's log files off the host (a
 *                              fluent-bit, vector, promtail...), "" when none runs ({@link LogForwarders})
 */
public record AuditContext(boolean vpnActive, boolean engineNoNewPrivileges, String logForwarder) {

    public AuditContext {
        logForwarder = logForwarder == null ? "" : logForwarder;
    }

    /** No log forwarder known. */
    public AuditContext(boolean vpnActive, boolean engineNoNewPrivileges) {
        this(vpnActive, engineNoNewPrivileges, "");
    }

    public static final AuditContext NO_VPN = new AuditContext(false, false);

    public static AuditContext of(VpnStatus vpn, boolean engineNoNewPrivileges) {
        return new AuditContext(vpn != null && vpn.active(), engineNoNewPrivileges);
    }
}

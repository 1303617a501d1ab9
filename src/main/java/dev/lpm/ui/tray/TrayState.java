package dev.lpm.ui.tray;

/**
 * What the tray icon shows, most urgent first: {@link TrayStatus#of} picks the first that applies, so a
 * blocked container is never hidden behind a problem, and a problem never behind the calm blue of a VPN.
 */
public enum TrayState {
    /** The kill switch stopped containers and nobody resumed them yet (red). */
    BLOCKED("tray-blocked"),
    /** Something is broken: the Docker engine does not answer, or the instance reports a problem (amber). */
    PROBLEM("tray-problem"),
    /** A VPN is up; the kill switch guards Docker when it is on (blue). */
    VPN_ACTIVE("tray-vpn"),
    /** No VPN, nothing blocked, nothing broken (green). */
    SECURE("tray-secure");

    private final String iconName;

    TrayState(String iconName) {
        this.iconName = iconName;
    }

    /** The icon's base name under {@code /dev/lpm/ui/tray/}: {@code tray-secure} -> {@code tray-secure-24.png}. */
    public String iconName() {
        return iconName;
    }
}

package dev.lpm.ui.dialogs;

/** A setting the settings dialog can change, and when the change takes effect. */
public enum SettingChange {
    KILL_SWITCH("kill switch", true),
    RESUME_CONTAINERS("resume blocked containers", true),
    ISOLATED_DEFAULT("isolated by default", true),
    START_AT_LOGIN("start at login", true),
    NOTIFICATIONS("notifications", true),
    URL_SCHEME("address scheme", true),
    // These are read once when lpm starts: the proxy binds its port, the allocator and the detector are built.
    PROXY_PORT("proxy port", false),
    PORT_RANGE("port range", false),
    VPN_PATTERNS("VPN patterns", false);

    private final String label;
    private final boolean appliesAtOnce;

    SettingChange(String label, boolean appliesAtOnce) {
        this.label = label;
        this.appliesAtOnce = appliesAtOnce;
    }

    public String label() {
        return label;
    }

    public boolean appliesAtOnce() {
        return appliesAtOnce;
    }
}

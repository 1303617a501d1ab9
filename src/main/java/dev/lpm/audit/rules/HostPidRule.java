package dev.lpm.audit.rules;

public final class HostPidRule extends HostNamespaceRule {
    public HostPidRule() {
        super("host-pid", "CIS 5.16", "PidMode", c -> c.settings().pidMode(),
                "Sharing the host's process namespace lets the container see, signal and trace every process on"
                        + " the host.",
                "remove --pid host (compose: pid: host)");
    }
}

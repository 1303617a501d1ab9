package dev.lpm.audit.rules;

public final class HostUtsRule extends HostNamespaceRule {
    public HostUtsRule() {
        super("host-uts", "CIS 5.21", "UTSMode", c -> c.settings().utsMode(),
                "Sharing the host's UTS namespace lets the container change the host's hostname.",
                "remove --uts host (compose: uts: host)");
    }
}

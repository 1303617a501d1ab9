package dev.lpm.audit.rules;

public final class HostIpcRule extends HostNamespaceRule {
    public HostIpcRule() {
        super("host-ipc", "CIS 5.17", "IpcMode", c -> c.settings().ipcMode(),
                "Sharing the host's IPC namespace lets the container read and change other processes' shared"
                        + " memory.",
                "remove --ipc host (compose: ipc: host)");
    }
}

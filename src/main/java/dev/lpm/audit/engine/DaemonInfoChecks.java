package dev.lpm.audit.engine;

import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.util.ArrayList;
import java.util.List;

/** Pure: the engine's own settings as {@code GET /info} reports them (live restore, user-namespace remapping). */
public final class DaemonInfoChecks {

    private DaemonInfoChecks() {}

    public static List<Finding> check(DaemonInfo info, boolean rootless) {
        List<Finding> findings = new ArrayList<>();
        if (Boolean.FALSE.equals(info.liveRestore())) {
            findings.add(new Finding("daemon-live-restore", "CIS 2.14", Severity.LOW, Finding.ENGINE,
                    "docker info: LiveRestoreEnabled = false",
                    "Without live restore every engine restart or upgrade stops every container, which makes"
                            + " upgrading the engine (and getting its security fixes) something people put off.",
                    "set \"live-restore\": true in /etc/docker/daemon.json and reload dockerd (systemctl reload"
                            + " docker)"));
        }
        if (!info.usernsRemap() && !rootless) {
            findings.add(new Finding("daemon-userns-remap", "CIS 2.8", Severity.LOW, Finding.ENGINE,
                    "docker info: SecurityOptions has no name=userns (root in a container is root on the host)",
                    "Without user-namespace remapping, a process that escapes a container as root is root on this"
                            + " machine; with it, it is an unprivileged subordinate uid.",
                    "set \"userns-remap\": \"default\" in /etc/docker/daemon.json and restart dockerd (images and"
                            + " volumes are kept per mapping; containers needing --privileged or host namespaces then"
                            + " need --userns=host), or run Docker rootless"));
        }
        return findings;
    }
}

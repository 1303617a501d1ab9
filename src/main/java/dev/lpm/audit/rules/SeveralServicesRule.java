package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public final class SeveralServicesRule extends ContainerRule {

    /** Programs whose presence means "more than one service": an SSH server or a process supervisor. */
    private static final Set<String> MARKERS = Set.of("sshd", "supervisord", "s6-svscan", "runsvdir", "systemd",
            "init", "dropbear");

    public SeveralServicesRule() {
        super("several-services", Severity.LOW, "CIS 5.7",
                "A container running sshd or a process supervisor is a small server, not one service: more to"
                        + " patch, and an SSH login into the container is a way in.",
                "run one service per container; use docker exec instead of sshd, and split the other services"
                        + " into their own containers");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        if (c.processes() == null) {
            return Optional.empty();
        }
        List<String> hits = c.processes().stream().map(SeveralServicesRule::program).filter(MARKERS::contains)
                .distinct().sorted().toList();
        return hits.isEmpty() ? Optional.empty() : Optional.of("processes (docker top): " + String.join(", ", hits));
    }

    /** "/usr/sbin/sshd -D" -> "sshd"; "sshd: user [priv]" -> "sshd". */
    static String program(String command) {
        String first = command.strip().split("[\\s:]+", 2)[0];
        return first.substring(first.lastIndexOf('/') + 1);
    }
}

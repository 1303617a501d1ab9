package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerProcess;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One purpose per container: flags an SSH server, a process supervisor or cron, and any two different long-running
 * programs, in the container's own process tree ({@code docker top}, descendants of its init). A
 * {@code docker exec} session or a health check runs beside that tree and is not counted; neither are shells,
 * init wrappers and sleep, nor a program's own workers (nginx's, postgres's: the same program).
 */
public final class SeveralServicesRule extends ContainerRule {

    /** Programs whose presence alone means "more than one service": an SSH server, a supervisor, cron. */
    private static final Set<String> MARKERS = Set.of("sshd", "dropbear", "supervisord", "s6-svscan", "runsvdir",
            "systemd", "init", "cron", "crond", "anacron");

    /** What runs in many single-service containers without being a service of its own. */
    private static final Set<String> NOT_A_SERVICE = Set.of("sh", "ash", "bash", "dash", "zsh", "tini", "docker-init",
            "dumb-init", "catatonit", "sleep", "ps", "top", "su-exec", "gosu", "tail", "wait");

    public SeveralServicesRule() {
        super("several-services", Severity.LOW, "CIS 5.7",
                "A container running sshd, a supervisor, cron or several daemons is a small server, not one service:"
                        + " more to patch, one compromise reaches all of them, and an SSH login into the container is"
                        + " a way in.",
                "run one service per container; use docker exec instead of sshd, a scheduled docker run (or the"
                        + " host's timer) instead of cron inside, and split the other services into their own"
                        + " containers");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        if (c.processes() == null) {
            return Optional.empty();
        }
        List<String> programs = c.processes().stream().filter(ContainerProcess::own).map(ContainerProcess::program)
                .filter(p -> !NOT_A_SERVICE.contains(p) && !p.isEmpty()).distinct().sorted().toList();
        List<String> markers = programs.stream().filter(MARKERS::contains).toList();
        if (markers.isEmpty() && programs.size() < 2) {
            return Optional.empty();
        }
        List<String> said = new ArrayList<>();
        said.add("processes (docker top): " + String.join(", ", programs));
        if (!markers.isEmpty()) {
            said.add(String.join(", ", markers) + " " + (markers.size() == 1 ? "is" : "are")
                    + " a server or supervisor of its own");
        }
        if (programs.size() >= 2) {
            said.add(programs.size() + " different long-running programs");
        }
        return Optional.of(String.join("; ", said));
    }
}

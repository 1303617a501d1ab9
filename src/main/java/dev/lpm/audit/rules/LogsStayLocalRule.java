package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;
import java.util.Set;

/**
 * The guide's "collect the logs centrally": a container whose log driver keeps the logs in the engine's files on
 * this host (json-file, local) while no forwarder ships them, or throws them away (none). An intruder who gets
 * the host erases them; nobody looks at them for patterns.
 */
public final class LogsStayLocalRule extends ContainerRule {

    private static final Set<String> LOCAL = Set.of("json-file", "local");

    public LogsStayLocalRule() {
        super("logs-stay-local", Severity.LOW, "guide: logging and traceability",
                "Logs that stay in the engine's files on this host are lost with the container (docker rm), are"
                        + " erased by whoever takes the host, and nobody analyses them for unusual patterns; only"
                        + " logs collected centrally are evidence.",
                "send the logs off the host: docker run --log-driver syslog|journald|gelf|fluentd (compose: logging:"
                        + " driver:; for every container: \"log-driver\" in /etc/docker/daemon.json), or run a"
                        + " forwarder (fluent-bit, vector, promtail) that reads /var/lib/docker/containers and ships"
                        + " the logs to your central store");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        String driver = c.settings().logDriver();
        if (driver.equals("none")) {
            return Optional.of("log driver none: the container's output is thrown away");
        }
        if (LOCAL.contains(driver) && context.logForwarder().isEmpty()) {
            return Optional.of("log driver " + driver + ": the logs stay in the engine's files on this host, and no"
                    + " running container forwards them (none mounts the engine's data root, no log shipper reads"
                    + " its socket)");
        }
        return Optional.empty();
    }
}

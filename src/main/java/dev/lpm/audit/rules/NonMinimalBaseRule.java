package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

public final class NonMinimalBaseRule extends ContainerRule {

    /** Labels that name the base image (OCI annotation first). */
    static final List<String> BASE_LABELS = List.of("org.opencontainers.image.base.name", "base.image",
            "io.buildpacks.stack.id");

    private static final List<String> MINIMAL = List.of("slim", "distroless", "alpine", "busybox", "scratch",
            "minimal", "chainguard", "static", "micro");

    public NonMinimalBaseRule() {
        super("image-not-minimal", Severity.INFO, "",
                "A full distribution base carries shells, package managers and libraries the service never uses,"
                        + " each one more to patch and to attack.",
                "build FROM a -slim or distroless base (e.g. python:3.12-slim, gcr.io/distroless/java21)");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        // Only when a label says what the base is: guessing from the image name would be noise.
        for (String label : BASE_LABELS) {
            String base = c.container().labels().get(label);
            if (base != null && !base.isBlank()) {
                String lower = base.toLowerCase(Locale.ROOT);
                return MINIMAL.stream().anyMatch(lower::contains) ? Optional.empty()
                        : Optional.of("Config.Labels[" + label + "] = " + base);
            }
        }
        return Optional.empty();
    }
}

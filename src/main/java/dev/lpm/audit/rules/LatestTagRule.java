package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;

public final class LatestTagRule extends ContainerRule {
    public LatestTagRule() {
        super("image-latest-tag", Severity.LOW, "",
                "With the tag latest (or none) the next pull silently brings a different image, so what runs"
                        + " cannot be reviewed or reproduced.",
                "pin a version tag or a digest: IMAGE:1.2.3 or IMAGE@sha256:... (compose: image)");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        String image = c.container().image();
        if (image.isEmpty() || image.contains("@") || image.startsWith("sha256:")) {
            return Optional.empty();
        }
        // A ':' after the last '/' is a tag; one before it belongs to a registry host:port.
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        if (colon < 0) {
            return Optional.of("Config.Image = " + image + " (no tag: latest)");
        }
        return last.substring(colon + 1).equals("latest") ? Optional.of("Config.Image = " + image) : Optional.empty();
    }
}

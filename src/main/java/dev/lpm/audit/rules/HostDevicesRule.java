package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.List;
import java.util.Optional;

public final class HostDevicesRule extends ContainerRule {
    public HostDevicesRule() {
        super("host-devices", Severity.HIGH, "CIS 5.18",
                "A host device inside the container can be read or written directly (a disk, the GPU, a USB"
                        + " device), bypassing the host's file permissions.",
                "remove the --device flags (compose: devices) unless the service needs exactly that device");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        List<String> devices = c.settings().devices();
        return devices.isEmpty() ? Optional.empty() : Optional.of("HostConfig.Devices = " + devices);
    }
}

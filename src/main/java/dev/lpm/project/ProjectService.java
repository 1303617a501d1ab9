package dev.lpm.project;

import dev.lpm.core.ServiceName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service of a project file, validated.
 *
 * @param workingDirectory absolute: {@code cwd} resolved against the file's directory (the file's directory when absent)
 * @param dependsOn        services of the same file that must be ready before this one starts
 * @param port             the port asked for; {@code null}: one from lpm's range (kept across {@code lpm up})
 * @param startTimeout     {@code null}: the setting's
 * @param stopGrace        {@code null}: the setting's
 * @param line             where the service is defined in the file, for messages
 */
public record ProjectService(ServiceName name, String command, Path workingDirectory, Map<String, String> environment,
                             List<ServiceName> dependsOn, boolean isolated, boolean killSwitchBypass,
                             boolean subdomains, Integer port, Duration startTimeout, Duration stopGrace, int line) {

    public ProjectService {
        environment = Map.copyOf(environment);
        dependsOn = List.copyOf(dependsOn);
    }
}

package dev.lpm.project;

import java.nio.file.Path;
import java.util.List;

/**
 * A project file, read and validated.
 *
 * @param name     the group its services are registered under: the file's {@code project}, else its directory's name
 * @param file     where it was read from
 * @param services every service, dependencies before the services that depend on them (file order otherwise)
 */
public record Project(String name, Path file, List<ProjectService> services) {

    public Project {
        services = List.copyOf(services);
    }
}

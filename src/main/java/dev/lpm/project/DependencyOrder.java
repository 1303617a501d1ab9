package dev.lpm.project;

import dev.lpm.core.ServiceName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The order {@code lpm up} starts a project in: every service after the services it depends on, file order otherwise. */
final class DependencyOrder {

    private DependencyOrder() {}

    /** Dependencies first; needs a file without cycles and unknown names (checked before). */
    static List<ProjectService> of(Map<ServiceName, ProjectService> services) {
        Set<ServiceName> placed = new LinkedHashSet<>();
        for (ServiceName name : services.keySet()) {
            place(name, services, placed);
        }
        return placed.stream().map(services::get).toList();
    }

    private static void place(ServiceName name, Map<ServiceName, ProjectService> services, Set<ServiceName> placed) {
        if (placed.contains(name)) {
            return;
        }
        for (ServiceName dependency : services.get(name).dependsOn()) {
            place(dependency, services, placed);
        }
        placed.add(name);
    }

    /** A circle of dependencies, as the path that closes it ({@code a -> b -> a}), if the file has one. */
    static Optional<List<ServiceName>> cycle(Map<ServiceName, ProjectService> services) {
        Set<ServiceName> done = new HashSet<>();
        for (ServiceName start : services.keySet()) {
            Optional<List<ServiceName>> found = walk(start, services, new ArrayList<>(), done);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<ServiceName>> walk(ServiceName name, Map<ServiceName, ProjectService> services,
                                                    List<ServiceName> path, Set<ServiceName> done) {
        int at = path.indexOf(name);
        if (at >= 0) {
            List<ServiceName> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(name);
            return Optional.of(cycle);
        }
        if (done.contains(name)) {
            return Optional.empty();
        }
        path.add(name);
        for (ServiceName dependency : services.get(name).dependsOn()) {
            Optional<List<ServiceName>> found = walk(dependency, services, path, done);
            if (found.isPresent()) {
                return found;
            }
        }
        path.removeLast();
        done.add(name);
        return Optional.empty();
    }
}

package dev.lpm.project;

import dev.lpm.core.Durations;
import dev.lpm.core.InvalidServiceNameException;
import dev.lpm.core.ServiceFlags;
import dev.lpm.policy.SecurityPolicy;
import dev.lpm.core.ServiceName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The checks after parsing lpm.json: every service, its dependencies, circles; collects every problem before failing. */
final class ProjectValidation {

    private final Path file;
    private final ProjectDocument.Document document;
    private final List<ProjectFileException.Problem> problems = new ArrayList<>();

    ProjectValidation(Path file, ProjectDocument.Document document) {
        this.file = file;
        this.document = document;
    }

    Project project() {
        String name = projectName();
        Map<ServiceName, ProjectService> services = new LinkedHashMap<>();
        if (document.services() == null || document.services().isEmpty()) {
            problems.add(new ProjectFileException.Problem(1, "services",
                    "no services: add a \"services\" object with one entry per service, e.g."
                            + " \"api\": {\"command\": \"python3 -m http.server --bind 127.0.0.1 {port}\"}"));
        } else {
            document.services().forEach((key, located) -> {
                ProjectService service = service(key, located);
                if (service != null) {
                    services.put(service.name(), service);
                }
            });
        }
        List<ProjectService> ordered = new ArrayList<>();
        if (problems.isEmpty()) {
            checkDependencies(services);
        }
        if (problems.isEmpty()) {
            ordered = DependencyOrder.of(services);
        }
        if (!problems.isEmpty()) {
            throw new ProjectFileException(file, problems);
        }
        return new Project(name, file, ordered);
    }

    private String projectName() {
        if (document.project() != null) {
            try {
                return ServiceName.of(document.project()).value();
            } catch (InvalidServiceNameException e) {
                problems.add(new ProjectFileException.Problem(0, "project",
                        "'" + document.project() + "' is not a valid project name: " + ServiceName.RULE));
                return null;
            }
        }
        String fromDirectory = directoryName();
        if (fromDirectory.isEmpty()) {
            problems.add(new ProjectFileException.Problem(0, "project", "the directory's name '"
                    + file.getParent().getFileName() + "' makes no project name; give one: \"project\": \"shop\""));
        }
        return fromDirectory;
    }

    /** The directory's name as a DNS label: lowercase, other characters as '-', at most 63. */
    private String directoryName() {
        Path dir = file.getParent().getFileName();
        String label = dir == null ? "" : dir.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        label = label.length() > 63 ? label.substring(0, 63) : label;
        return label.replaceAll("^-+|-+$", "");
    }

    private ProjectService service(String key, ProjectDocument.LocatedService located) {
        String where = "services." + key;
        if (located == null || located.fields() == null) {
            problems.add(new ProjectFileException.Problem(0, where, "is empty; give at least its \"command\""));
            return null;
        }
        int line = located.line();
        ProjectDocument.ServiceFields f = located.fields();
        int before = problems.size();
        ServiceName name = null;
        try {
            name = ServiceName.of(key);
            name.reservedBecause().ifPresent(why -> problem(line, where, why + "; " + ServiceName.RESERVED_RULE));
        } catch (InvalidServiceNameException e) {
            problem(line, where, "'" + key + "' is not a valid service name: " + ServiceName.RULE);
        }
        if (f.command() == null || f.command().isBlank()) {
            problem(line, where + ".command", "missing: the command that starts the service, with {port} where"
                    + " its port goes");
        }
        Path cwd = file.getParent();
        if (f.cwd() != null) {
            cwd = file.getParent().resolve(f.cwd()).normalize();
            if (!Files.isDirectory(cwd)) {
                problem(line, where + ".cwd", cwd + " is not a directory (cwd is relative to " + file.getParent() + ")");
            }
        }
        Map<String, String> env = f.env() == null ? Map.of() : f.env();
        env.forEach((k, v) -> {
            if (v == null) {
                problem(line, where + ".env." + k, "has no value; write \"\" for an empty one");
            }
            if (k.isEmpty() || k.contains("=")) {
                problem(line, where + ".env", "'" + k + "' is not a variable name");
            }
        });
        if (f.port() != null && (f.port() < 1 || f.port() > 65_535)) {
            problem(line, where + ".port", f.port() + " is outside 1-65535");
        }
        if (f.command() != null && !f.command().isBlank()) {
            // The same registration check lpm register meets, here before anything of the project starts.
            new SecurityPolicy().refuseAtRegistration(f.command(),
                            new ServiceFlags(Boolean.TRUE.equals(f.killSwitchBypass()), Boolean.TRUE.equals(f.isolated()),
                                    Boolean.TRUE.equals(f.subdomains())), f.port())
                    .ifPresent(refuse -> problem(line, where + ".command", refuse.reason()));
        }
        Duration startTimeout = time(f.startTimeout(), line, where + ".startTimeout");
        Duration stopGrace = time(f.stopGrace(), line, where + ".stopGrace");
        List<ServiceName> dependsOn = new ArrayList<>();
        for (String dependency : f.dependsOn() == null ? List.<String>of() : f.dependsOn()) {
            try {
                dependsOn.add(ServiceName.of(dependency));
            } catch (InvalidServiceNameException e) {
                problem(line, where + ".dependsOn", "'" + dependency + "' is not a service name");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ProjectService(name, f.command(), cwd, env, dependsOn, Boolean.TRUE.equals(f.isolated()),
                Boolean.TRUE.equals(f.killSwitchBypass()), Boolean.TRUE.equals(f.subdomains()), f.port(),
                startTimeout, stopGrace, line);
    }

    private Duration time(String value, int line, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            problem(line, field, e.getMessage());
            return null;
        }
    }

    private void checkDependencies(Map<ServiceName, ProjectService> services) {
        for (ProjectService service : services.values()) {
            for (ServiceName dependency : service.dependsOn()) {
                if (dependency.equals(service.name())) {
                    problem(service.line(), "services." + service.name() + ".dependsOn", "a service cannot depend"
                            + " on itself");
                } else if (!services.containsKey(dependency)) {
                    problem(service.line(), "services." + service.name() + ".dependsOn", "there is no service '"
                            + dependency + "' in this file; services: " + services.keySet().stream()
                            .map(ServiceName::value).collect(Collectors.joining(", ")));
                }
            }
        }
        if (problems.isEmpty()) {
            DependencyOrder.cycle(services).ifPresent(cycle -> problem(
                    services.get(cycle.getFirst()).line(), "services." + cycle.getFirst() + ".dependsOn",
                    "the services depend on each other in a circle: " + cycle.stream().map(ServiceName::value)
                            .collect(Collectors.joining(" -> ")) + "; none of them could start first"));
        }
    }

    private void problem(int line, String field, String message) {
        problems.add(new ProjectFileException.Problem(line, Objects.requireNonNull(field), message));
    }
}

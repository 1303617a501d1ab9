package dev.lpm.cli;

import dev.lpm.control.ServiceView;
import dev.lpm.core.ServiceState;
import dev.lpm.project.Project;
import dev.lpm.project.ProjectService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code lpm up} does to bring the registered services in line with a project file: new services
 * registered, changed ones registered again (on their old port), stopped ones started, running unchanged
 * ones left alone, and services of the project no longer in the file removed. Pure: decided from the
 * file and {@code lpm list}, before anything changes.
 *
 * @param steps     one per service of the file, dependencies first
 * @param remove    services registered under the project that the file no longer has
 * @param conflicts names in the file that a service outside this project already has (nothing may start then)
 */
record ProjectPlan(List<Step> steps, List<ServiceView> remove, List<String> conflicts) {

    enum Action { REGISTER, REPLACE, START, KEEP }

    /**
     * @param current what is registered under that name now, null for REGISTER
     * @param changes for REPLACE, the fields that differ, in the file's words
     */
    record Step(Action action, ProjectService service, ServiceView current, List<String> changes) {}

    static ProjectPlan of(Project project, List<ServiceView> registered) {
        Map<String, ServiceView> byName = registered.stream()
                .collect(Collectors.toMap(ServiceView::name, Function.identity()));
        Set<String> inFile = project.services().stream().map(s -> s.name().value()).collect(Collectors.toSet());
        List<String> conflicts = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (ProjectService service : project.services()) {
            ServiceView current = byName.get(service.name().value());
            if (current == null) {
                steps.add(new Step(Action.REGISTER, service, null, List.of()));
            } else if (!project.name().equals(current.group())) {
                conflicts.add("'" + current.name() + "' is already registered " + (current.group() == null
                        ? "on its own" : "by project " + current.group()) + "; unregister it (lpm unregister "
                        + current.name() + ") or give the service in " + project.file().getFileName()
                        + " another name");
            } else {
                List<String> changes = changes(service, current);
                Action action = !changes.isEmpty() ? Action.REPLACE
                        : current.state() == ServiceState.RUNNING || current.state() == ServiceState.STARTING
                        ? Action.KEEP : Action.START;
                steps.add(new Step(action, service, current, changes));
            }
        }
        List<ServiceView> remove = registered.stream()
                .filter(s -> project.name().equals(s.group()) && !inFile.contains(s.name())).toList();
        return new ProjectPlan(List.copyOf(steps), remove, List.copyOf(conflicts));
    }

    /** The file's fields whose value differs from the registration; a field the file leaves out is not compared. */
    static List<String> changes(ProjectService file, ServiceView registered) {
        List<String> changes = new ArrayList<>();
        // The registry holds the command with a dev server's port flags added (DevServers): the same command.
        if (!Objects.equals(file.command(), registered.command()) && !Objects.equals(
                dev.lpm.run.DevServers.decide(file.command(), file.workingDirectory()).command(), registered.command())) {
            changes.add("command");
        }
        if (!Objects.equals(file.workingDirectory().toString(), registered.workingDirectory())) {
            changes.add("cwd");
        }
        Map<String, String> env = registered.environment() == null ? Map.of() : registered.environment();
        if (!file.environment().equals(env)) {
            changes.add("env");
        }
        if (file.isolated() != registered.isolated()) {
            changes.add("isolated");
        }
        if (file.killSwitchBypass() != registered.killSwitchBypass()) {
            changes.add("killSwitchBypass");
        }
        if (file.subdomains() != registered.subdomains()) {
            changes.add("subdomains");
        }
        if (file.port() != null && file.port() != registered.port()) {
            changes.add("port");
        }
        if (file.startTimeout() != null && file.startTimeout().toSeconds() != registered.startTimeout()) {
            changes.add("startTimeout");
        }
        if (file.stopGrace() != null && file.stopGrace().toSeconds() != registered.stopGrace()) {
            changes.add("stopGrace");
        }
        return changes;
    }
}

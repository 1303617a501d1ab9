package dev.lpm.cli;

import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.project.Project;
import dev.lpm.project.ProjectFile;
import dev.lpm.project.ProjectService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", description = {
        "Register and start the services of a project file (lpm.json), dependencies first, each waited for until"
                + " it accepts connections, as a group named after the project. Run again after editing the file:"
                + " changed services are registered again and restarted, removed ones stopped and unregistered,"
                + " unchanged running ones left alone.",
        "Example: lpm up",
        "Example: lpm up -f deploy/lpm.json"})
final class UpCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "the project file (default: lpm.json in the current directory or the nearest parent)")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Project project = ProjectFile.read(projectFile(file));
        ControlClient client = Instance.require(err);
        List<ServiceView> registered = new ArrayList<>();
        client.call(new ControlRequest.ListServices()).forEach(node -> registered.add(Output.service(node)));
        ProjectPlan plan = ProjectPlan.of(project, registered);
        if (!plan.conflicts().isEmpty()) {
            throw new CliException("nothing was started or changed:\n  " + String.join("\n  ", plan.conflicts()));
        }
        for (ServiceView gone : plan.remove()) {
            client.call(new ControlRequest.Unregister(gone.name()));
            out.println("removed " + gone.name() + " (no longer in " + project.file().getFileName() + ")");
        }
        Set<ServiceName> notRunning = new HashSet<>();
        for (ProjectPlan.Step step : plan.steps()) {
            ProjectService service = step.service();
            List<ServiceName> waitingFor = service.dependsOn().stream().filter(notRunning::contains).toList();
            if (!waitingFor.isEmpty()) {
                notRunning.add(service.name());
                err.println("lpm: " + service.name() + " not started: it depends on " + waitingFor.stream()
                        .map(ServiceName::value).reduce((a, b) -> a + ", " + b).orElseThrow() + ", which is not running");
                continue;
            }
            ServiceView result;
            try {
                result = apply(step, project, client, out);
            } catch (dev.lpm.control.ControlException e) {
                // A service whose first start fails is not kept registered (the error says why): the rest go on.
                notRunning.add(service.name());
                err.println("lpm: " + service.name() + ": " + e.getMessage());
                continue;
            }
            if (result.state() != ServiceState.RUNNING) {
                notRunning.add(service.name());
                StartCommand.reportStart(result, out, err);
            }
        }
        out.flush();
        if (!notRunning.isEmpty()) {
            err.println("lpm: project " + project.name() + " is partly up: " + notRunning.size() + " of "
                    + plan.steps().size() + " services are not running");
            return 1;
        }
        out.println("project " + project.name() + " is up: " + plan.steps().size() + " services (lpm list shows them;"
                + " lpm down stops them)");
        return 0;
    }

    private static ServiceView apply(ProjectPlan.Step step, Project project, ControlClient client, PrintWriter out) {
        ProjectService service = step.service();
        String name = service.name().value();
        return switch (step.action()) {
            case KEEP -> {
                out.println(name + " is running, unchanged");
                yield step.current();
            }
            case START -> {
                ServiceView started = Output.service(client.call(new ControlRequest.Start(name)));
                printRunning(started, "started", out);
                yield started;
            }
            case REPLACE -> {
                client.call(new ControlRequest.Unregister(name));
                // Keep the port it had unless the file asks for another: bookmarks of the direct address stay valid.
                ServiceView replaced = register(service, project,
                        service.port() != null ? service.port() : step.current().port(), client);
                printRunning(replaced, "restarted (" + String.join(", ", step.changes()) + " changed)", out);
                yield replaced;
            }
            case REGISTER -> {
                ServiceView added = register(service, project, service.port(), client);
                printRunning(added, "registered on port " + added.port() + " and started", out);
                yield added;
            }
        };
    }

    private static ServiceView register(ProjectService s, Project project, Integer port, ControlClient client) {
        return Output.service(client.call(new ControlRequest.Register(s.name().value(), s.command(), port,
                s.isolated(), s.killSwitchBypass(), s.subdomains(), false, s.workingDirectory().toString(),
                s.environment(), s.startTimeout(), s.stopGrace(), true, project.name())));
    }

    private static void printRunning(ServiceView service, String what, PrintWriter out) {
        if (service.state() == ServiceState.RUNNING) {
            out.println(service.name() + " " + what + ": " + service.url());
        }
    }

    /** {@code -f FILE}, else lpm.json here or in the nearest parent. */
    static Path projectFile(Path given) {
        return given != null ? given : ProjectFile.find(Path.of(System.getProperty("user.dir")));
    }
}

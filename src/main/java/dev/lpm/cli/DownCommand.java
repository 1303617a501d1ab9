package dev.lpm.cli;

import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import dev.lpm.core.ServiceState;
import dev.lpm.project.Project;
import dev.lpm.project.ProjectFile;
import dev.lpm.project.ProjectService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", description = {
        "Stop the services of a project (lpm up), dependants first. They stay registered, with their ports, so lpm up"
                + " brings them back; --unregister also removes them.",
        "Example: lpm down",
        "Example: lpm down --unregister"})
final class DownCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "the project file (default: lpm.json in the current directory or the nearest parent)")
    Path file;

    @Option(names = "--unregister", description = "also unregister them (their ports go back to the range)")
    boolean unregister;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Project project = ProjectFile.read(UpCommand.projectFile(file));
        ControlClient client = Instance.require(spec.commandLine().getErr());
        List<ServiceView> members = new ArrayList<>();
        client.call(new ControlRequest.ListServices()).forEach(node -> {
            ServiceView service = Output.service(node);
            if (project.name().equals(service.group())) {
                members.add(service);
            }
        });
        if (members.isEmpty()) {
            out.println("project " + project.name() + " has no registered services");
            return 0;
        }
        // Dependants first: the reverse of the file's start order; services the file no longer has go first.
        List<String> startOrder = project.services().stream().map(ProjectService::name).map(Object::toString).toList();
        members.sort(Comparator.comparingInt((ServiceView s) -> {
            int at = startOrder.indexOf(s.name());
            return at < 0 ? Integer.MAX_VALUE : at;
        }).reversed());
        for (ServiceView service : members) {
            if (unregister) {
                client.call(new ControlRequest.Unregister(service.name()));
                out.println("unregistered " + service.name());
            } else if (service.state() == ServiceState.STOPPED) {
                out.println(service.name() + " was already stopped");
            } else {
                ServiceView stopped = Output.service(client.call(new ControlRequest.Stop(service.name())));
                out.println(Output.stateLine(stopped));
            }
        }
        out.println("project " + project.name() + " is down" + (unregister ? " and unregistered" : "; lpm up starts it again"));
        return 0;
    }
}

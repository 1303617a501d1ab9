package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "docker-host", description = {
        "Print the address of lpm's Docker API guard (unix:///...docker.sock), for DOCKER_HOST.",
        "Through it, docker run, docker compose and SDKs get their published ports bound to loopback, and"
                + " host networking, -P and (while a VPN is up) publishing are refused before a container exists."})
final class DockerHostCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var data = Instance.require(spec.commandLine().getErr()).call(new ControlRequest.DockerHost());
        String address = data.get("dockerHost").asText();
        // The address alone on stdout, so `export DOCKER_HOST=$(lpm docker-host)` works; the hint on stderr.
        spec.commandLine().getOut().println(address);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("To use it in this shell: export DOCKER_HOST=" + address);
        spec.commandLine().getErr().flush();
        return 0;
    }
}

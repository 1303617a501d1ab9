package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "url", description = {"Print a service's address, http://NAME.localhost:1355, or https:// once lpm's CA is trusted (setting"
                + " urlScheme: auto, http, https).",
        "With --direct, where it answers without the proxy: http://127.0.0.1:PORT, or http://[::1]:PORT for a"
                + " service that listens on ::1 only (it must be running)."})
final class UrlCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @CommandLine.Option(names = "--direct", description = "print the address the running service itself answers on")
    boolean direct;

    @Override
    public Integer call() {
        var data = Instance.require(spec.commandLine().getErr()).call(new ControlRequest.Url(name));
        if (!direct) {
            spec.commandLine().getOut().println(data.get("url").asText());
            return 0;
        }
        if (!data.hasNonNull("direct")) {
            spec.commandLine().getErr().println("lpm: " + name + " answers neither on 127.0.0.1 nor on [::1] now;"
                    + " is it running? (lpm list)");
            return 1;
        }
        spec.commandLine().getOut().println(data.get("direct").asText());
        return 0;
    }
}

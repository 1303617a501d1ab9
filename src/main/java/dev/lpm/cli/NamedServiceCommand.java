package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** A command that acts on one service by name and reports what became of it. */
abstract class NamedServiceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    abstract ControlRequest request(String name);

    /** Prints the outcome; returns the exit code. */
    abstract int report(ServiceView service, PrintWriter out, PrintWriter err);

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ServiceView service = Output.service(Instance.require(err).call(request(name)));
        return report(service, spec.commandLine().getOut(), err);
    }
}

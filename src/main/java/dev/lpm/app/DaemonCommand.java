package dev.lpm.app;

import dev.lpm.config.LpmHome;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "daemon", description = "Run the lpm instance in the foreground without a display: it supervises"
        + " the services and answers the other commands. Stop it with Ctrl-C or SIGTERM; running services are"
        + " stopped and come back when it starts again.")
final class DaemonCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LpmHome home = LpmHome.fromEnvironment();
        Lpm lpm;
        try {
            lpm = Lpm.start(home, Clock.systemUTC());
        } catch (InstanceLock.AlreadyRunningException e) {
            spec.commandLine().getErr().println("lpm: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("lpm-shutdown").unstarted(lpm::close));
        out.println("lpm daemon running (pid " + ProcessHandle.current().pid() + ", LPM_HOME " + home
                + ", control socket " + home.controlSocket() + "); stop it with Ctrl-C");
        out.flush();
        lpm.awaitClosed();
        return 0;
    }
}

package dev.lpm.app;

import dev.lpm.config.LpmHome;
import dev.lpm.config.UntrustedHomeException;
import dev.lpm.proxy.ProxyPortInUseException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "daemon", description = "Run the lpm instance in the foreground without a display: it supervises"
        + " the services, serves them at http://NAME.localhost:PORT and answers the other commands. Stop it with"
        + " Ctrl-C or SIGTERM; running services are stopped and come back when it starts again.")
final class DaemonCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ProxyPortOption proxyPort;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = proxyPort.out();
        PrintWriter err = proxyPort.err();
        LpmHome home = LpmHome.fromEnvironment();
        Lpm lpm;
        try {
            lpm = Lpm.start(home, Clock.systemUTC(), proxyPort.port);
        } catch (InstanceLock.AlreadyRunningException | ProxyPortInUseException | IllegalArgumentException
                 | UntrustedHomeException e) {
            err.println("lpm: " + e.getMessage());
            return 1;
        }
        BoundedShutdown.install(lpm);
        out.println("lpm daemon running (pid " + ProcessHandle.current().pid() + ", LPM_HOME " + home
                + "); services at http://NAME.localhost:" + lpm.settings().proxyPort() + "; stop it with Ctrl-C");
        out.flush();
        lpm.awaitClosed();
        return 0;
    }
}

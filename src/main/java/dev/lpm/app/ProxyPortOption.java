package dev.lpm.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --proxy-port}, shared by the commands that run the proxy (daemon, proxy), with their output streams. */
final class ProxyPortOption {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    @Option(names = "--proxy-port", paramLabel = "PORT",
            description = "port of the loopback proxy (default: $LPM_PROXY_PORT, else proxyPort in settings.json, else 1355)")
    Integer port;

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }
}

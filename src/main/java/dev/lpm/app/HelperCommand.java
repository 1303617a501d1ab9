package dev.lpm.app;

import dev.lpm.enforce.helper.HelperConfig;
import dev.lpm.enforce.helper.HelperDaemon;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpm helper}: the root helper in the foreground, as systemd runs it; the work is in {@link HelperDaemon}. */
@Command(name = "helper", description = "Run the root helper in the foreground (systemd runs it as root): it puts"
        + " lpm's fixed firewall rule sets in place for lpm instances that ask over its socket, and nothing else.")
final class HelperCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = "--socket", paramLabel = "PATH", description = "the socket clients connect to (default: ${DEFAULT-VALUE})")
    Path socket = HelperConfig.DEFAULT_SOCKET;

    @Option(names = "--state", paramLabel = "PATH",
            description = "the rule sets held, re-applied at start (default: ${DEFAULT-VALUE})")
    Path state = HelperConfig.DEFAULT_STATE;

    @Option(names = "--policy", paramLabel = "PATH",
            description = "who may use the helper, {\"allowUsers\":[],\"allowGroups\":[\"docker\"]} (default: ${DEFAULT-VALUE};"
                    + " without it: root and group docker)")
    Path policy = HelperConfig.DEFAULT_POLICY;

    @Option(names = "--hosts-file", paramLabel = "PATH",
            description = "the hosts file whose lpm block instances with hostsSync on keep in step (default: ${DEFAULT-VALUE})")
    Path hostsFile = HelperConfig.DEFAULT_HOSTS_FILE;

    @Option(names = "--release-all", description = "remove every rule lpm holds, record that none is held, and exit"
            + " (the packages run this on removal; stopping the helper alone keeps the rules)")
    boolean releaseAll;

    @Override
    public Integer call() throws Exception {
        if (releaseAll) {
            return HelperDaemon.releaseAll(state, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return HelperDaemon.run(new HelperConfig(socket, state, policy, hostsFile), spec.commandLine().getErr());
    }
}

package dev.lpm.enforce.helper;

import java.nio.file.Path;

/** Where the helper listens, keeps its state, reads who may use it, and the hosts file whose lpm block it writes. */
public record HelperConfig(Path socket, Path state, Path policy, Path hostsFile) {

    public static final Path DEFAULT_SOCKET = dev.lpm.enforce.HelperClient.DEFAULT_SOCKET;
    public static final Path DEFAULT_STATE = Path.of("/var/lib/lpm/helper-state.json");
    public static final Path DEFAULT_POLICY = Path.of("/etc/lpm/helper.json");
    public static final Path DEFAULT_HOSTS_FILE = Path.of("/etc/hosts");

    public HelperConfig {
        socket = socket.toAbsolutePath();
        state = state.toAbsolutePath();
        policy = policy.toAbsolutePath();
        hostsFile = hostsFile.toAbsolutePath();
    }

    public static HelperConfig defaults() {
        return new HelperConfig(DEFAULT_SOCKET, DEFAULT_STATE, DEFAULT_POLICY, DEFAULT_HOSTS_FILE);
    }
}

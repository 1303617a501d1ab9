package dev.lpm.docker.command;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The container CLIs lpm reads with docker's grammar (own options, {@code run}/{@code create} or {@code
 * container run}/{@code create}, the run options, the image), each with the facts in which it differs from
 * docker. All three bind a {@code -p} without an address on every interface (rootless podman and nerdctl
 * too, through their port forwarders), so the same loopback rewrite applies.
 */
enum ContainerCli {

    DOCKER(Set.of("docker"), DockerOptions.GLOBAL, DockerOptions.RUN, Set.of(), Set.of(), Set.of(), true),

    /**
     * podman-remote is podman's client-only build. --publish is a string slice (podman reads {@code -p
     * 80:80,443:443} as two publications); --network also takes ns:PATH and pasta:OPTIONS; --pod joins a pod.
     */
    PODMAN(Set.of("podman", "podman-remote"), PodmanOptions.GLOBAL, PodmanOptions.RUN, Set.of("publish"),
            Set.of(ExposingNetworkMode.NAMESPACE_PATH, ExposingNetworkMode.PASTA_OPTIONS),
            Set.of("pod", "pod-id-file"), false),

    /** --publish and --network are string slices ({@code --network=cni1,cni2}); --network also takes ns:PATH. */
    NERDCTL(Set.of("nerdctl"), NerdctlOptions.GLOBAL, NerdctlOptions.RUN, Set.of("publish", "network", "net"),
            Set.of(ExposingNetworkMode.NAMESPACE_PATH), Set.of(), false);

    private final Set<String> commands;
    private final OptionTable globalOptions;
    private final OptionTable runOptions;
    private final Set<String> commaSeparated;
    private final Set<ExposingNetworkMode> exposingNetworks;
    private final Set<String> podOptions;
    private final boolean usesDockerHost;

    /**
     * @param commands         the command words it goes by
     * @param commaSeparated   long options whose value the tool splits at commas, CSV-style
     * @param exposingNetworks the network modes besides host it knows that may expose ports past {@code -p}
     * @param podOptions       options that put the container into a pod's network (podman)
     * @param usesDockerHost   whether it creates containers through the engine at DOCKER_HOST, which lpm
     *                         points at its API guard: then the guard checks its requests and lpm's engine
     *                         client sees its containers (what --isolated needs). podman talks to its own
     *                         service (CONTAINER_HOST), nerdctl to containerd.
     */
    ContainerCli(Set<String> commands, OptionTable globalOptions, OptionTable runOptions, Set<String> commaSeparated,
                 Set<ExposingNetworkMode> exposingNetworks, Set<String> podOptions, boolean usesDockerHost) {
        this.commands = commands;
        this.globalOptions = globalOptions;
        this.runOptions = runOptions;
        this.commaSeparated = commaSeparated;
        this.exposingNetworks = exposingNetworks;
        this.podOptions = podOptions;
        this.usesDockerHost = usesDockerHost;
    }

    /** The CLI a command word names ("podman", without its directory), if lpm knows it. */
    static Optional<ContainerCli> named(String command) {
        return Arrays.stream(values()).filter(cli -> cli.commands.contains(command)).findFirst();
    }

    OptionTable globalOptions() {
        return globalOptions;
    }

    OptionTable runOptions() {
        return runOptions;
    }

    boolean splitsAtCommas(String longOption) {
        return commaSeparated.contains(longOption);
    }

    /** The mode {@code network} names when it may expose ports past {@code -p} (host aside, which every CLI has). */
    Optional<ExposingNetworkMode> exposingNetwork(String network) {
        return exposingNetworks.stream().filter(mode -> mode.matches(network)).findFirst();
    }

    /**
     * The network a {@code --network} value names. Docker 25 also takes a long form,
     * {@code name=NET,alias=A,driver-opt=...}; podman's {@code bridge:ip=...} is a mode with options, not that.
     */
    String networkNamed(String value) {
        if (this != DOCKER || !value.contains("=")) {
            return value;
        }
        for (String field : value.split(",")) {
            String[] kv = field.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("name")) {
                return kv[1].strip();
            }
        }
        return value;
    }

    boolean joinsAPod(String longOption) {
        return podOptions.contains(longOption);
    }

    boolean usesDockerHost() {
        return usesDockerHost;
    }
}

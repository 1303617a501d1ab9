package dev.lpm.docker.command;

/**
 * The run/create options docker, podman and nerdctl all have, with the same shape (taking a value or
 * not): podman and nerdctl took them over from docker. Each tool's table adds its own to these
 * ({@link DockerOptions}, {@link PodmanOptions}, {@link NerdctlOptions}).
 */
final class SharedRunOptions {

    static final OptionTable TABLE = OptionTable.of("""
            add-host annotation attach blkio-weight blkio-weight-device cap-add cap-drop cgroup-parent cgroupns
            cidfile cpu-period cpu-quota cpu-rt-period cpu-rt-runtime cpu-shares cpus cpuset-cpus cpuset-mems
            detach-keys device device-read-bps device-read-iops device-write-bps device-write-iops dns dns-opt
            dns-option dns-search env env-file expose gpus group-add health-cmd health-interval health-retries
            health-start-period health-timeout hostname ip ip6 ipc kernel-memory label label-file log-driver
            log-opt mac-address memory memory-reservation memory-swap memory-swappiness mount name net network
            oom-score-adj pid pids-limit platform publish pull restart security-opt shm-size stop-signal
            stop-timeout sysctl tmpfs ulimit user userns uts volume volumes-from workdir""", """
            detach help init interactive no-healthcheck oom-kill-disable privileged publish-all quiet read-only
            rm sig-proxy tty""",
            // -a -e -h -l -m -p -u -v -w take a value; -d -i -t -P -q do not.
            "aehlmpuvw", "ditPq");

    private SharedRunOptions() {}

    /** The long name a short option stands for (only the ones the parser cares about need it). */
    static String longName(char shortName) {
        return switch (shortName) {
            case 'p' -> "publish";
            case 'P' -> "publish-all";
            default -> String.valueOf(shortName);
        };
    }
}

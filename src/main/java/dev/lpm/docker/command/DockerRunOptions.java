package dev.lpm.docker.command;

import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code docker run} / {@code docker create} (docker CLI 20.10-28), split into those
 * that take a value and those that do not. The parser needs the table to know where the image is: the
 * word after {@code --name} is a value, the word after {@code --rm} is the image. An option missing from
 * the table is refused rather than guessed, because a wrong guess would hide a {@code -p} behind it.
 */
final class DockerRunOptions {

    static final Set<String> LONG_WITH_VALUE = Set.of(
            "add-host", "annotation", "attach", "blkio-weight", "blkio-weight-device", "cap-add", "cap-drop",
            "cgroup-parent", "cgroupns", "cidfile", "cpu-count", "cpu-percent", "cpu-period", "cpu-quota",
            "cpu-rt-period", "cpu-rt-runtime", "cpu-shares", "cpus", "cpuset-cpus", "cpuset-mems", "detach-keys",
            "device", "device-cgroup-rule", "device-read-bps", "device-read-iops", "device-write-bps",
            "device-write-iops", "dns", "dns-opt", "dns-option", "dns-search", "domainname", "entrypoint", "env",
            "env-file", "expose", "gpus", "group-add", "health-cmd", "health-interval", "health-retries",
            "health-start-interval", "health-start-period", "health-timeout", "hostname", "io-maxbandwidth",
            "io-maxiops", "ip", "ip6", "ipc", "isolation", "kernel-memory", "label", "label-file", "link",
            "link-local-ip", "log-driver", "log-opt", "mac-address", "memory", "memory-reservation",
            "memory-swap", "memory-swappiness", "mount", "name", "net", "net-alias", "network", "network-alias",
            "oom-score-adj", "pid", "pids-limit", "platform", "publish", "pull", "restart", "runtime",
            "security-opt", "shm-size", "stop-signal", "stop-timeout", "storage-opt", "sysctl", "tmpfs",
            "ulimit", "user", "userns", "uts", "volume", "volume-driver", "volumes-from", "workdir");

    static final Set<String> LONG_BOOLEAN = Set.of(
            "detach", "disable-content-trust", "help", "init", "interactive", "no-healthcheck",
            "oom-kill-disable", "privileged", "publish-all", "quiet", "read-only", "rm", "sig-proxy", "tty",
            "use-api-socket");

    /** Short forms: -a -c -e -h -l -m -p -u -v -w take a value; -d -i -t -P -q do not. */
    private static final String SHORT_WITH_VALUE = "acehlmpuvw";
    private static final String SHORT_BOOLEAN = "ditPq";

    private DockerRunOptions() {}

    /** The long name a short option stands for (only the ones the parser cares about need it). */
    static String longName(char shortName) {
        return switch (shortName) {
            case 'p' -> "publish";
            case 'P' -> "publish-all";
            default -> String.valueOf(shortName);
        };
    }

    /** Whether long option {@code name} takes a value; empty when docker has no such option. */
    static Optional<Boolean> longTakesValue(String name) {
        if (LONG_WITH_VALUE.contains(name)) {
            return Optional.of(true);
        }
        return LONG_BOOLEAN.contains(name) ? Optional.of(false) : Optional.empty();
    }

    static Optional<Boolean> shortTakesValue(char name) {
        if (SHORT_WITH_VALUE.indexOf(name) >= 0) {
            return Optional.of(true);
        }
        return SHORT_BOOLEAN.indexOf(name) >= 0 ? Optional.of(false) : Optional.empty();
    }
}

package dev.lpm.core;

import java.time.Instant;
import java.util.List;

/**
 * Everything that happens in lpm, as one stream of plain values. The CLI, the control API and the UI
 * subscribe to the same stream (see {@code dev.lpm.events.EventBus}).
 */
public sealed interface LpmEvent {

    Instant at();

    /** A service was registered, or its registration or state changed. */
    record ServiceChanged(Service service, Instant at) implements LpmEvent {}

    /** A service was unregistered. */
    record ServiceRemoved(ServiceName name, Instant at) implements LpmEvent {}

    /** A line a service printed (stdout and stderr, merged). */
    record ServiceOutput(ServiceName name, String line, Instant at) implements LpmEvent {}

    /** One request through the loopback proxy ({@code service} is "-" when the proxy answered itself). */
    record ProxyRequest(String method, String uri, String protocol, String service, int status, long millis,
                        boolean vpnActive, Instant at) implements LpmEvent {}

    /** A state file could not be read and was moved aside; what was in it is kept at {@code keptAt}. */
    record StateFileProblem(String file, String keptAt, String problem, Instant at) implements LpmEvent {}

    /** The VPN verdict changed; {@code at} is when the change was detected. */
    record VpnChanged(VpnStatus status, Instant at) implements LpmEvent {}

    /**
     * The audit's findings for one container changed (it started, was re-audited, or is gone: then
     * {@code findings} is empty). {@code container} is the name, or {@link Finding#ENGINE}; {@code image} is the
     * container's image as it was started, "" when the subject is no container (or the image is not known).
     */
    record FindingsChanged(String container, List<Finding> findings, Instant at, String image) implements LpmEvent {
        public FindingsChanged {
            findings = List.copyOf(findings);
            image = image == null ? "" : image;
        }

        public FindingsChanged(String container, List<Finding> findings, Instant at) {
            this(container, findings, at, "");
        }
    }

    /** The kill switch stopped a container that was reachable from the network while a VPN was up. */
    record ContainerBlocked(BlockEvent block, Instant at) implements LpmEvent {}

    /** A blocked container was started again, with its restart policy restored. */
    record ContainerResumed(String containerId, String name, Instant at) implements LpmEvent {}

    /**
     * The Docker engine became reachable or unreachable; {@code detail} is its version, or why it could
     * not be reached ("no Docker engine at unix:///var/run/docker.sock: ...").
     */
    record DockerEngineChanged(boolean reachable, String detail, Instant at) implements LpmEvent {}

    /** The settings changed (from the settings dialog, the tray's kill switch toggle, or the CLI). */
    /** What lpm's firewall enforces changed; {@code problems} is what is missing now (empty: all holds). */
    record EnforcementChanged(List<String> problems, Instant at) implements LpmEvent {}

    record SettingsChanged(Settings settings, Instant at) implements LpmEvent {}
}

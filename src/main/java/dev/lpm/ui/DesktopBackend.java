package dev.lpm.ui;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.Finding;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.Settings;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import dev.lpm.registry.Registration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * What the desktop UI may ask of the running instance. Implemented by the app (the composition root)
 * over the same parts the control socket uses; the UI never reaches past it. Calls that do I/O (start,
 * stop, register, resume) block, so the UI runs them off the FX thread.
 */
public interface DesktopBackend {

    /** The one event stream; the UI subscribes through {@link FxEvents} only. */
    EventBus events();

    List<Service> services();

    /**
     * Registers and (with {@code start}) starts a service.
     *
     * @throws dev.lpm.policy.SecurityBlockedException when the policy refuses or blocks it (its message is the
     *         seed's SECURITY BLOCK text)
     * @throws dev.lpm.registry.ServiceAlreadyExistsException when the name is taken
     * @throws dev.lpm.ports.PortUnavailableException when the requested port is taken
     */
    Service register(Registration registration, boolean start);

    Service start(ServiceName name);

    Service stop(ServiceName name);

    Service restart(ServiceName name);

    Service unregister(ServiceName name);

    /** The last {@code lines} lines the service printed, oldest first. */
    List<String> tail(ServiceName name, int lines);

    /** The port a registration made now would get (nothing is reserved), or empty when the range is full. */
    OptionalInt nextFreePort();

    /** {@code http(s)://NAME.localhost:PROXYPORT}: the scheme per the urlScheme setting and the trust verdict. */
    String urlOf(ServiceName name);

    /** Where lpm's CA is trusted, each place (what GET /v1/trust answers). Blocking: certutil runs. */
    dev.lpm.trust.TrustReport trustStatus();

    /**
     * What {@code lpm trust} does as this user: the CA into the browsers' NSS databases (and a Java truststore
     * when configured); the system store's place carries the sudo command as its fix. Blocking.
     */
    dev.lpm.trust.TrustReport trustForUser();

    VpnStatus vpn();

    /** When the VPN verdict last changed (or the instance started). */
    Instant vpnSince();

    /** Containers the kill switch stopped and nobody resumed yet, oldest first. */
    List<BlockEvent> blockedContainers();

    /**
     * Starts a blocked container again.
     *
     * @throws IllegalStateException while a VPN is up and the kill switch is on (it would be blocked again)
     * @throws RuntimeException when the engine is unreachable or the container is not blocked
     */
    void resume(String containerId);

    /** The audit's current findings, all containers and the engine. */
    List<Finding> findings();

    /** The image of each container that has findings, by container name (the Findings page groups by it). */
    default Map<String, String> findingImages() {
        return Map.of();
    }

    /** Whether the Docker engine answers, and what it is (version) or why not. */
    boolean dockerReachable();

    String dockerDetail();

    /** Problems the instance knows of: a corrupt state file moved aside, no Docker API guard. */
    List<String> problems();

    Settings settings();

    /**
     * Changes the settings, saves them to settings.json and publishes {@code SettingsChanged}. The kill
     * switch and resume-containers settings apply at once; the others when lpm starts next.
     */
    Settings updateSettings(UnaryOperator<Settings> change);

    /** Stops every service, the proxy and the detectors, then the UI; the process exits. */
    void quit();
}

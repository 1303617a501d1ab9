package dev.lpm.ui;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.Finding;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Settings;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import dev.lpm.policy.SecurityBlockedException;
import dev.lpm.policy.SecurityPolicy;
import dev.lpm.policy.Decision;
import dev.lpm.registry.Registration;
import dev.lpm.registry.ServiceAlreadyExistsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * An in-memory instance for UI tests: it keeps services in a map, publishes the same events the real
 * instance does, applies the real {@link SecurityPolicy} on register and start, and records what the UI
 * asked of it. Tests drive it with {@link #publish} and the setters.
 */
public class FakeDesktopBackend implements DesktopBackend {

    public final EventBus bus = new EventBus();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<ServiceName, Service> services = new ConcurrentHashMap<>();
    private final AtomicInteger nextPort = new AtomicInteger(4000);
    private final AtomicReference<VpnStatus> vpn = new AtomicReference<>(VpnStatus.UNKNOWN);
    private final AtomicReference<Settings> settings = new AtomicReference<>(Settings.DEFAULTS);
    public final List<BlockEvent> blocked = new CopyOnWriteArrayList<>();
    public final List<Finding> findings = new CopyOnWriteArrayList<>();
    public final java.util.Map<String, String> findingImages = new java.util.concurrent.ConcurrentHashMap<>();
    public final List<String> problems = new CopyOnWriteArrayList<>();
    public volatile boolean dockerReachable = true;
    public volatile String dockerDetail = "Docker Engine 28.2.2";
    private final SecurityPolicy policy = new SecurityPolicy();

    @Override
    public EventBus events() {
        return bus;
    }

    public void publish(LpmEvent event) {
        bus.publish(event);
    }

    /** Sets the VPN verdict and publishes VpnChanged, as the detector does. */
    public void setVpn(VpnStatus status) {
        vpn.set(status);
        bus.publish(new LpmEvent.VpnChanged(status, Instant.now()));
    }

    /** Adds a service in the given state without going through register (for table tests). */
    public Service put(String name, String command, ServiceState state) {
        return putInGroup(null, name, command, state);
    }

    /** As {@link #put}, for a service of a project ({@code lpm up}); {@code group} null for none. */
    public Service putInGroup(String group, String name, String command, ServiceState state) {
        ServiceName n = ServiceName.of(name);
        Service s = new Service(new ServiceSpec(n, command, nextPort.getAndIncrement(), null, null, Map.of(),
                Instant.now(), state == ServiceState.RUNNING, null, null, group),
                new ServiceStatus(state, "set by test", Instant.now(), null, null, 0));
        update(s);
        return s;
    }

    public void update(Service s) {
        services.put(s.name(), s);
        bus.publish(new LpmEvent.ServiceChanged(s, Instant.now()));
    }

    @Override
    public List<Service> services() {
        return services.values().stream().sorted(java.util.Comparator.comparing(s -> s.name().value())).toList();
    }

    @Override
    public Service register(Registration r, boolean start) {
        calls.add("register " + r.name().value() + " start=" + start);
        if (services.containsKey(r.name())) {
            throw new ServiceAlreadyExistsException(services.get(r.name()).spec());
        }
        Decision d = policy.decide(r.name(), r.command(), r.flags(), vpn.get(), settings.get().killSwitch());
        if (d instanceof Decision.Refuse || d instanceof Decision.Block) {
            throw SecurityBlockedException.of(r.name().value(), d);
        }
        int port = r.requestedPort() != null ? r.requestedPort() : nextPort.getAndIncrement();
        Service s = new Service(new ServiceSpec(r.name(), r.command(), port, r.flags(), r.workingDirectory(),
                r.environment(), Instant.now(), start),
                new ServiceStatus(start ? ServiceState.RUNNING : ServiceState.STOPPED, "registered", Instant.now(),
                        null, null, 0));
        update(s);
        return s;
    }

    private Service transition(ServiceName name, String call, ServiceState state) {
        calls.add(call + " " + name.value());
        Service s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service named " + name.value());
        }
        Service changed = s.withStatus(new ServiceStatus(state, call, Instant.now(), null, null, 0));
        update(changed);
        return changed;
    }

    @Override
    public Service start(ServiceName name) {
        return transition(name, "start", ServiceState.RUNNING);
    }

    @Override
    public Service stop(ServiceName name) {
        return transition(name, "stop", ServiceState.STOPPED);
    }

    @Override
    public Service restart(ServiceName name) {
        return transition(name, "restart", ServiceState.RUNNING);
    }

    @Override
    public Service unregister(ServiceName name) {
        calls.add("unregister " + name.value());
        Service s = services.remove(name);
        bus.publish(new LpmEvent.ServiceRemoved(name, Instant.now()));
        return s;
    }

    @Override
    public List<String> tail(ServiceName name, int lines) {
        return new ArrayList<>(List.of("line 1 of " + name.value(), "line 2 of " + name.value()));
    }

    @Override
    public OptionalInt nextFreePort() {
        return OptionalInt.of(nextPort.get());
    }

    @Override
    public String urlOf(ServiceName name) {
        return settings.get().urlOf(name, verdict.trusted());
    }

    /** What trustStatus() answers until trustForUser() runs: nothing trusts the CA yet. */
    public static final dev.lpm.trust.TrustReport UNTRUSTED = new dev.lpm.trust.TrustReport("/home/a/.lpm/ca/ca.pem",
            "lpm local CA (a@host)", "AB:CD", List.of(
            dev.lpm.trust.PlaceStatus.missing("system store (Debian)", "not in /usr/local/share/ca-certificates",
                    "sudo cp /home/a/.lpm/ca/ca.pem /usr/local/share/ca-certificates/lpm.crt && sudo update-ca-certificates"),
            dev.lpm.trust.PlaceStatus.missing("NSS /home/a/.pki/nssdb (Chromium)", "the CA is not in it",
                    "lpm trust --only nss")));

    /** What trustForUser() leaves: the user's NSS database trusts it, the system store still needs sudo. */
    public static final dev.lpm.trust.TrustReport NSS_TRUSTED = new dev.lpm.trust.TrustReport(UNTRUSTED.caFile(),
            UNTRUSTED.commonName(), UNTRUSTED.sha1(), List.of(UNTRUSTED.places().getFirst(),
            dev.lpm.trust.PlaceStatus.trusted("NSS /home/a/.pki/nssdb (Chromium)", "trusts lpm's CA")));

    private final AtomicReference<dev.lpm.trust.TrustReport> trust = new AtomicReference<>(UNTRUSTED);
    private final dev.lpm.trust.CaTrustVerdict verdict = new dev.lpm.trust.CaTrustVerdict();

    @Override
    public dev.lpm.trust.TrustReport trustStatus() {
        verdict.accept(trust.get());
        return trust.get();
    }

    @Override
    public dev.lpm.trust.TrustReport trustForUser() {
        calls.add("trustForUser");
        trust.set(NSS_TRUSTED);
        verdict.accept(NSS_TRUSTED);
        return NSS_TRUSTED;
    }

    @Override
    public VpnStatus vpn() {
        return vpn.get();
    }

    @Override
    public Instant vpnSince() {
        return Instant.EPOCH;
    }

    @Override
    public List<BlockEvent> blockedContainers() {
        return List.copyOf(blocked);
    }

    @Override
    public void resume(String containerId) {
        calls.add("resume " + containerId);
        if (vpn.get().active() && settings.get().killSwitch()) {
            throw new IllegalStateException("a VPN is active and the kill switch is on");
        }
        blocked.removeIf(b -> b.containerId().equals(containerId));
    }

    @Override
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    @Override
    public java.util.Map<String, String> findingImages() {
        return java.util.Map.copyOf(findingImages);
    }

    @Override
    public boolean dockerReachable() {
        return dockerReachable;
    }

    @Override
    public String dockerDetail() {
        return dockerDetail;
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public Settings settings() {
        return settings.get();
    }

    @Override
    public Settings updateSettings(UnaryOperator<Settings> change) {
        Settings s = settings.updateAndGet(change);
        calls.add("settings killSwitch=" + s.killSwitch());
        bus.publish(new LpmEvent.SettingsChanged(s, Instant.now()));
        return s;
    }

    @Override
    public void quit() {
        calls.add("quit");
    }
}

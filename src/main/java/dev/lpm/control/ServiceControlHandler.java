package dev.lpm.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import dev.lpm.process.ListenerProbe;
import dev.lpm.policy.Decision;
import dev.lpm.policy.SecurityBlockedException;
import dev.lpm.registry.Registration;
import dev.lpm.service.ServiceManager;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Maps control requests onto {@link ServiceManager} and turns the results into replies. */
public final class ServiceControlHandler implements ControlHandler {

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServiceControlHandler.class);

    private final ServiceManager services;
    private final EventBus events;
    private final InstanceInfo instance;
    private final Supplier<List<String>> problems;
    private final SecuritySource security;
    private final DesktopControls desktop;
    private final Supplier<List<String>> unlock;
    private final Clock clock;
    private final InstanceTrust trust;

    /** {@code unlock}: releases lpm's firewall rules and returns what it removed, one line each. */
    public ServiceControlHandler(ServiceManager services, EventBus events, InstanceInfo instance,
                                 Supplier<List<String>> problems, SecuritySource security, DesktopControls desktop,
                                 Supplier<List<String>> unlock, Clock clock, InstanceTrust trust) {
        this.trust = trust;
        this.services = services;
        this.desktop = desktop;
        this.events = events;
        this.instance = instance;
        this.problems = problems;
        this.security = security;
        this.unlock = unlock;
        this.clock = clock;
    }

    private volatile Runnable showWindow;
    private volatile String tray = "none";
    /** Runs start/stop/register work while the connection's thread sends progress (see LongRequest). */
    private final java.util.concurrent.ExecutorService longRequests = java.util.concurrent.Executors.newCachedThreadPool(
            Thread.ofPlatform().name("lpm-control-work-", 0).daemon().factory());

    @Override
    public void handle(ControlRequest request, ControlServer.ReplySink replies, ControlServer.PeerConnection peer)
            throws IOException {
        if (request instanceof ControlRequest.Logs logs && logs.follow()) {
            followLogs(logs, replies, peer);
            return;
        }
        if (request instanceof ControlRequest.Run run) {
            new RunSession(services, events, longRequests).run(run, replies, peer);
            return;
        }
        if (request instanceof ControlRequest.Events) {
            try (EventStream stream = new EventStream(replies, services)) {
                try (EventBus.Subscription ignored = events.subscribe(stream::offer)) {
                    stream.start();
                    peer.awaitHangUp();
                }
            }
            return;
        }
        ControlReply reply;
        String service = LongRequest.serviceOf(request);
        if (service != null) {
            reply = LongRequest.run(events, request, service, () -> answer(request), replies, longRequests);
        } else {
            reply = answer(request);
        }
        replies.send(reply);
    }

    private ControlReply answer(ControlRequest request) {
        try {
            return ControlReply.success(MAPPER.valueToTree(execute(request)));
        } catch (RuntimeException e) {
            // Every refusal (bad name, duplicate, taken port, unknown service, ...) carries a message
            // written for the user; the CLI prints it as is. Anything else is a bug: logged under an id.
            if (Failures.isUserError(e)) {
                return ControlReply.failure(ApiError.fromRefusal(e));
            }
            String id = Failures.newId();
            LOG.error("internal error {} answering {}", id, request, e);
            return ControlReply.failure(ApiError.of(ApiError.Kind.INTERNAL, Failures.internal(id, e, "the instance's log")));
        }
    }

    private Object execute(ControlRequest request) {
        return switch (request) {
            case ControlRequest.Register r -> register(r);
            case ControlRequest.GetService g -> view(services.get(ServiceName.of(g.name())));
            case ControlRequest.Events e -> throw new IllegalStateException("the event stream is not a single answer");
            case ControlRequest.Run r -> throw new IllegalStateException("a run is a stream, not a single answer");
            case ControlRequest.Alias a -> view(services.register(Registration.alias(ServiceName.of(a.name()), a.port()),
                    false));
            case ControlRequest.Unregister u -> view(services.unregister(ServiceName.of(u.name())));
            case ControlRequest.Start s -> view(services.start(ServiceName.of(s.name())));
            case ControlRequest.Stop s -> view(services.stop(ServiceName.of(s.name())));
            case ControlRequest.Restart r -> view(services.restart(ServiceName.of(r.name())));
            case ControlRequest.ListServices l -> services.list().stream().map(this::view).toList();
            case ControlRequest.Logs l -> Map.of("lines", services.tail(ServiceName.of(l.name()), l.lines()));
            case ControlRequest.Url u -> urls(view(services.get(ServiceName.of(u.name()))));
            case ControlRequest.Status s -> status();
            case ControlRequest.Security s -> security();
            case ControlRequest.TrustStatus t -> trustStatus();
            case ControlRequest.DockerHost d -> DockerHostView.of(instance.home());
            case ControlRequest.Show s -> show();
            case ControlRequest.Unlock u -> Map.of("removed", unlock.get());
            case ControlRequest.Blocked b -> blocked();
            case ControlRequest.Resume r -> resume(r.container());
            case ControlRequest.KillSwitch k -> killSwitch(k.on());
            case ControlRequest.GetSettings g -> SettingKeys.values(desktop.settings());
            case ControlRequest.SetSetting set -> SettingKeys.values(
                    desktop.updateSettings(SettingKeys.change(set.key(), set.value())));
        };
    }

    /** lpm trust --status as the instance sees it: the same places, from the instance's own environment. */
    private TrustView trustStatus() {
        dev.lpm.trust.TrustReport report = trust.check(); // also refreshes the verdict the URL scheme reads
        return TrustView.of(report.trustedEverywhere(), report);
    }

    /**
     * The service as the list shows it, plus how its command learns its port: {@code framework} when lpm added
     * a dev server's port and host flags, {@code portWarning} when the command only gets $PORT.
     */
    private JsonNode register(ControlRequest.Register r) {
        ServiceManager.Registered registered = services.register(new Registration(
                ServiceName.of(r.name()), requireCommand(r.command()), r.port(),
                new ServiceFlags(r.noKillSwitch(), r.isolated(), r.subdomains()),
                r.workingDirectory() == null ? null : Path.of(r.workingDirectory()),
                r.environment() == null ? Map.of() : r.environment(), r.startTimeout(), r.stopGrace(),
                r.group()),
                !r.noStart());
        Service service = registered.service();
        if (!r.keepIfBlocked() && service.state() == ServiceState.BLOCKED) {
            // The caller falls back to something else under this name: it must be free again.
            services.unregister(service.name());
            throw new SecurityBlockedException(r.name(), SecurityBlockedException.Kind.BLOCKED,
                    service.status().reason());
        }
        com.fasterxml.jackson.databind.node.ObjectNode reply = MAPPER.valueToTree(view(registered));
        dev.lpm.run.CommandPort commandPort = registered.commandPort();
        if (commandPort != null && commandPort.framework() != null) {
            reply.put("framework", commandPort.framework());
        }
        if (commandPort != null && commandPort.warning() != null) {
            reply.put("portWarning", commandPort.warning());
        }
        return reply;
    }

    /** The proxy's address, and the direct one while the service answers there. */
    private static Map<String, Object> urls(ServiceView view) {
        Map<String, Object> urls = new java.util.LinkedHashMap<>();
        urls.put("url", view.url());
        if (view.direct() != null) {
            urls.put("direct", view.direct());
        }
        return urls;
    }

    /** Set by the desktop app once its tray is chosen; the headless daemon has none. */
    public void onTrayKnown(String kind) {
        this.tray = kind;
    }

    /** Set by the desktop app; a headless daemon has no window to show. */
    public void onShowRequest(Runnable showWindow) {
        this.showWindow = showWindow;
    }

    private Map<String, Object> show() {
        Runnable show = showWindow;
        if (show == null) {
            throw new IllegalStateException("the running instance (pid " + instance.pid() + ") is the headless daemon"
                    + " and has no window; stop it (kill " + instance.pid() + ") and start the desktop app with: lpm");
        }
        show.run();
        return Map.of("shown", true, "pid", instance.pid());
    }

    private static String requireCommand(String command) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("the command is empty: give the command that starts the service,"
                    + " with {port} where its port goes, e.g. \"python3 -m http.server --bind 127.0.0.1 {port}\"");
        }
        return command;
    }

    private void followLogs(ControlRequest.Logs request, ControlServer.ReplySink replies,
                            ControlServer.PeerConnection peer) throws IOException {
        ServiceName name;
        List<String> backlog;
        try {
            name = ServiceName.of(request.name());
            backlog = services.tail(name, request.lines());
        } catch (RuntimeException e) {
            replies.send(ControlReply.failure(ApiError.fromRefusal(e)));
            return;
        }
        try (LogFollower follower = new LogFollower(replies)) {
            // Subscribe before sending the backlog so no line falls between the two.
            try (EventBus.Subscription ignored = events.subscribe(event -> {
                if (event instanceof LpmEvent.ServiceOutput out && out.name().equals(name)) {
                    follower.offer(out.line());
                }
            })) {
                replies.send(ControlReply.success(linesNode(backlog)));
                follower.start();
                peer.awaitHangUp();
            }
        }
    }

    static JsonNode linesNode(List<String> lines) {
        return MAPPER.valueToTree(Map.of("lines", lines));
    }

    /** The reply to a registration carries the decision it was started with: the policy is not asked again. */
    private ServiceView view(ServiceManager.Registered registered) {
        return withDirect(ServiceView.of(registered.service(), services.urlOf(registered.service().name()), services.settings(),
                registered.runCommand()));
    }

    /** A running service's direct address, probed now: it is where the service really listens. */
    private static ServiceView withDirect(ServiceView view) {
        return view.state() == ServiceState.RUNNING
                ? view.withDirect(ListenerProbe.directUrl(view.port()).orElse(null)) : view;
    }

    private ServiceView view(Service service) {
        String runCommand = service.spec().isAlias() ? null
                : services.decisionFor(service) instanceof Decision.Rewrite rewrite ? rewrite.rewrittenCommand() : null;
        return withDirect(ServiceView.of(service, services.urlOf(service.name()), services.settings(), runCommand));
    }

    private StatusView status() {
        List<Service> all = services.list();
        return new StatusView(
                true,
                instance.version(),
                instance.pid(),
                instance.startedAt(),
                Duration.between(instance.startedAt(), clock.instant()).toSeconds(),
                instance.home().toString(),
                instance.controlSocket().toString(),
                new StatusView.Proxy("http://localhost:" + instance.proxyPort() + "/", instance.proxyPort(),
                        instance.proxyListening()),
                new StatusView.Counts(all.size(), count(all, ServiceState.RUNNING), count(all, ServiceState.STARTING),
                        count(all, ServiceState.STOPPED), count(all, ServiceState.CRASHED),
                        count(all, ServiceState.BLOCKED)),
                problems.get(),
                instance.recovered(),
                tray);
    }

    private SecurityView security() {
        VpnStatus vpn = security.vpn();
        List<Service> all = services.list();
        return new SecurityView(
                new SecurityView.Vpn(vpn.active(), security.vpnSince(), vpn.interfaces(), vpn.routeInterface(),
                        vpn.reasons(), vpn.hints(), vpn.processes()),
                services.settings().killSwitch() ? "enabled" : "disabled",
                all.stream().filter(s -> s.state() == ServiceState.BLOCKED).map(s -> s.name().value()).toList(),
                all.stream().filter(s -> s.spec().flags().killSwitchBypass()).map(s -> s.name().value()).toList(),
                blocked(),
                security.dockerReachable(),
                SecurityView.loopbackGuard(security.enforcement()),
                security.enforcement());
    }

    private List<SecurityView.BlockedContainer> blocked() {
        return security.blockedContainers().stream().map(b -> new SecurityView.BlockedContainer(b.containerId(),
                b.name(), b.image(), b.ports(), b.reason(), b.at())).toList();
    }

    /** Resumes the one blocked container {@code nameOrId} names; the reply is the container resumed. */
    private SecurityView.BlockedContainer resume(String nameOrId) {
        if (nameOrId == null || nameOrId.isBlank()) {
            throw new IllegalArgumentException("name the container to resume (lpm blocked lists them)");
        }
        List<SecurityView.BlockedContainer> matches = blocked().stream()
                .filter(b -> nameOrId.equals(b.name()) || b.id().startsWith(nameOrId)).toList();
        if (matches.isEmpty()) {
            throw new ApiError.NotFoundException("no blocked container is named " + nameOrId
                    + " or has an id starting with it (lpm blocked lists them)");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException(nameOrId + " matches " + matches.size()
                    + " blocked containers; give more of the id");
        }
        desktop.resume(matches.getFirst().id());
        return matches.getFirst();
    }

    private Map<String, Object> killSwitch(Boolean on) {
        boolean now = on == null ? desktop.settings().killSwitch()
                : desktop.updateSettings(s -> s.edit(e -> e.killSwitch = on)).killSwitch();
        return Map.of("killSwitch", now ? "enabled" : "disabled");
    }

    private static int count(List<Service> services, ServiceState state) {
        return (int) services.stream().filter(s -> s.state() == state).count();
    }
}

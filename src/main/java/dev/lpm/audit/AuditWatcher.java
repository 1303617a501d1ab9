package dev.lpm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.core.Finding;
import dev.lpm.core.LpmEvent;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.events.EventBus;
import dev.lpm.storage.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import dev.lpm.audit.rules.NetworkUnusedRule;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-audits a container whenever the engine reports it started, and publishes
 * {@link LpmEvent.FindingsChanged} on the event stream; a destroyed container gets an empty list. The engine
 * and host findings are published once at the start, under {@link Finding#ENGINE}. A container too young for a
 * verdict on its network use ({@link NetworkUnusedRule#MIN_OBSERVED}) is audited once more when it is old enough,
 * so {@code --network none} is suggested in the instance too. Runs on one named daemon thread reading the engine's
 * event stream, and one that runs those later audits; {@link #close} ends both.
 */
public final class AuditWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditWatcher.class);
    private static final String FILTERS = URLEncoder.encode(
            "{\"type\":[\"container\"],\"event\":[\"start\",\"destroy\"]}", StandardCharsets.UTF_8);

    private final DockerGateway engine;
    private final InspectSource source;
    private final ContainerAudit audit;
    private final BooleanSupplier vpnActive;
    private final EventBus events;
    private final Clock clock;
    private final Thread thread;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lpm-audit-later").factory());
    /** The engine's data root, where json-file keeps the logs (from the host audit; "" until then). */
    private volatile String dataRoot = "";
    private volatile InputStream stream;
    private volatile boolean closed;

    /** {@code vpnActive}: the instance's current VPN verdict (from VpnChanged events), read at each audit. */
    public AuditWatcher(DockerGateway engine, BooleanSupplier vpnActive, EventBus events, Clock clock) {
        this.engine = engine;
        this.source = new EngineInspectSource(engine);
        this.audit = new ContainerAudit();
        this.vpnActive = vpnActive;
        this.events = events;
        this.clock = clock;
        this.thread = Thread.ofPlatform().daemon().name("lpm-audit-watcher").unstarted(this::run);
    }

    /** Subscribes to the engine's events (returns once subscribed), then audits what already runs. */
    public AuditWatcher start() {
        stream = engine.streamJson("/events?filters=" + FILTERS);
        thread.start();
        return this;
    }

    private void run() {
        try {
            publishHost();
            for (ContainerSnapshot c : source.running()) {
                publish(c);
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while (!closed && (line = lines.readLine()) != null) {
                    if (!line.isBlank()) {
                        handle(Json.mapper().readTree(line));
                    }
                }
            }
        } catch (Exception e) {
            if (!closed) {
                LOG.warn("the container audit stopped following the Docker engine's events", e);
            }
        }
    }

    /** The engine and host findings ({@code lpm audit --host}), once, under {@link Finding#ENGINE}. */
    private void publishHost() {
        try {
            HostAudit host = HostAudit.probe(engine);
            dataRoot = host.facts().info().dataRoot();
            List<Finding> findings = host.findings().stream().sorted(ContainerAudit.ORDER).toList();
            events.publish(new LpmEvent.FindingsChanged(Finding.ENGINE, findings, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("the engine and host checks failed; the containers are still audited", e);
        }
    }

    private void handle(JsonNode event) {
        String id = event.path("Actor").path("ID").asText(event.path("id").asText(""));
        String name = event.path("Actor").path("Attributes").path("name").asText(id);
        if (event.path("Action").asText(event.path("status").asText("")).equals("destroy")) {
            events.publish(new LpmEvent.FindingsChanged(name, List.of(), clock.instant()));
            return;
        }
        source.container(id).ifPresent(this::publish);
    }

    private void publish(ContainerSnapshot c) {
        String forwarder = LogForwarders.find(engine, dataRoot).orElse("");
        List<Finding> findings = audit.audit(c, new AuditContext(vpnActive.getAsBoolean(), false, forwarder));
        events.publish(new LpmEvent.FindingsChanged(c.name(), findings, clock.instant(), c.container().image()));
        NetworkActivity network = c.network();
        if (network != null && network.observed().compareTo(NetworkUnusedRule.MIN_OBSERVED) < 0 && !closed) {
            Duration wait = NetworkUnusedRule.MIN_OBSERVED.minus(network.observed()).plusSeconds(2);
            String id = c.container().id();
            later.schedule(() -> reaudit(id), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The later audit of a young container, if it still runs. */
    private void reaudit(String id) {
        try {
            source.container(id).filter(s -> s.container().running()).ifPresent(this::publish);
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("the later audit of container {} failed", id, e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        later.shutdownNow();
        InputStream s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // ending the stream is all that was wanted
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

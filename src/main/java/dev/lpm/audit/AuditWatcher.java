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
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-audits a container whenever the engine reports it started, and publishes
 * {@link LpmEvent.FindingsChanged} on the event stream; a destroyed container gets an empty list. The engine
 * and host findings are published once at the start, under {@link Finding#ENGINE}. Runs on
 * one named daemon thread reading the engine's event stream; {@link #close} ends it.
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
            List<Finding> findings = HostAudit.probe(engine).findings().stream().sorted(ContainerAudit.ORDER).toList();
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
        List<Finding> findings = audit.audit(c, new AuditContext(vpnActive.getAsBoolean(), false));
        events.publish(new LpmEvent.FindingsChanged(c.name(), findings, clock.instant(), c.container().image()));
    }

    @Override
    public void close() {
        closed = true;
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

package dev.lpm.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lpm.core.LpmEvent;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events one {@code GET /v1/events} client gets: services, VPN, blocks, resumes, findings and the
 * Docker engine, as server-sent events named by {@link #nameOf}. Events are queued, never written on
 * the publisher's thread (a slow client must not stall the supervisor); a full queue drops events and
 * the client gets a {@code dropped} event saying how many.
 */
final class EventStream implements AutoCloseable {

    private static final int CAPACITY = 10_000;
    private static final ObjectMapper MAPPER = Json.mapper();

    private final BlockingQueue<LpmEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final ControlServer.ReplySink replies;
    private final dev.lpm.service.ServiceManager services;
    private Thread sender;

    EventStream(ControlServer.ReplySink replies, dev.lpm.service.ServiceManager services) {
        this.replies = replies;
        this.services = services;
    }

    /** The event's name on the stream; null for events the stream leaves out (output lines, proxy requests). */
    static String nameOf(LpmEvent event) {
        return switch (event) {
            case LpmEvent.ServiceChanged e -> "service";
            case LpmEvent.ServiceRemoved e -> "service-removed";
            case LpmEvent.VpnChanged e -> "vpn";
            case LpmEvent.ContainerBlocked e -> "blocked";
            case LpmEvent.ContainerResumed e -> "resumed";
            case LpmEvent.FindingsChanged e -> "findings";
            case LpmEvent.DockerEngineChanged e -> "docker";
            default -> null;
        };
    }

    void offer(LpmEvent event) {
        if (nameOf(event) != null && !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Sends {@code ready} (the client may act now: nothing after it is missed), then the events. */
    void start() throws IOException {
        replies.send(ControlReply.event("ready", JsonNodeFactory.instance.objectNode()));
        // A platform thread (ThreadingRulesTest): one per events client, and clients are at most 256.
        sender = Thread.ofPlatform().daemon().name("lpm-events").start(this::sendLoop);
    }

    private void sendLoop() {
        try {
            while (true) {
                LpmEvent event = queue.take();
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    replies.send(ControlReply.event("dropped", MAPPER.valueToTree(Map.of("events", lost))));
                }
                replies.send(ControlReply.event(nameOf(event), data(event)));
            }
        } catch (InterruptedException | IOException e) {
            // client gone or stream closed
        }
    }

    private com.fasterxml.jackson.databind.JsonNode data(LpmEvent event) {
        return switch (event) {
            case LpmEvent.ServiceChanged e -> MAPPER.valueToTree(ServiceView.of(e.service(), services.urlOf(e.service().name()),
                    services.settings(), null));
            case LpmEvent.ServiceRemoved e -> MAPPER.valueToTree(Map.of("name", e.name().value(), "at", e.at()));
            default -> MAPPER.valueToTree(event);
        };
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.interrupt();
        }
    }
}

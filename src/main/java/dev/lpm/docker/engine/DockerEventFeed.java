package dev.lpm.docker.engine;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an engine event stream open on its own daemon thread ({@code lpm-docker-events}), for as long
 * as lpm runs. While the engine cannot be reached it retries with exponential backoff (Failsafe); when
 * a stream ends (engine restart, {@link #reconnect()}) it opens a new one with {@code since} set to
 * the last event it saw, so events that happened in between are still delivered. Duplicates are
 * possible around a reconnect; listeners must be idempotent.
 */
public final class DockerEventFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerEventFeed.class);

    /** Called on the feed's thread: hand real work to another thread. */
    public interface Listener {
        /** A stream is open; anything may have happened while there was none. */
        void connected(String engineVersion);

        /** A connection attempt failed (the engine is down or missing); called on every failed attempt. */
        void disconnected(String reason);

        void event(DockerEvent event);
    }

    private final DockerGateway gateway;
    private final Listener listener;
    private final RetryPolicy<Object> retry;
    private volatile boolean closed;
    private volatile Thread thread;
    private volatile DockerEventSubscription current;
    /** Engine time to resume from: the newest event seen, or when the first stream opened. */
    private volatile Instant resumeFrom;

    public DockerEventFeed(DockerGateway gateway, Listener listener, Duration minBackoff, Duration maxBackoff) {
        this.gateway = gateway;
        this.listener = listener;
        this.retry = RetryPolicy.builder()
                .handleIf(e -> !(e instanceof InterruptedException))
                .withBackoff(minBackoff, maxBackoff)
                .withMaxRetries(-1)
                .abortIf((result, failure) -> closed)
                .onFailedAttempt(e -> {
                    if (!closed) {
                        listener.disconnected(e.getLastException() instanceof DockerEngineException d ? d.getMessage()
                                : DockerGateway.rootMessage(e.getLastException()));
                    }
                })
                .build();
    }

    public synchronized void start() {
        if (thread == null && !closed) {
            thread = Thread.ofPlatform().name("lpm-docker-events").daemon().start(this::run);
        }
    }

    /** Drops the open stream; the feed opens a new one at once, resuming from the last event seen. */
    public void reconnect() {
        DockerEventSubscription open = current;
        if (open != null) {
            open.close();
        }
    }

    private void run() {
        // One Failsafe execution per outage: a stream that was up for hours starts the next outage at the
        // shortest backoff again, instead of where the last outage's backoff stopped.
        while (!closed) {
            try {
                Failsafe.with(retry).run(this::listenOnce);
            } catch (FailsafeException e) {
                if (!closed) {
                    LOG.warn("docker event feed: {}", DockerGateway.rootMessage(e));
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("docker event feed stopped a round", e);
                }
            }
        }
    }

    /** Throws while the engine cannot be reached (Failsafe retries); returns when a connected stream ends. */
    private void listenOnce() throws InterruptedException {
        String version = gateway.engineVersion();
        Instant since = resumeFrom != null ? resumeFrom : gateway.engineTime();
        resumeFrom = since;
        DockerEventSubscription subscription = gateway.events(since, this::deliver);
        current = subscription;
        if (closed) {
            subscription.close();
            return;
        }
        listener.connected(version);
        String why = subscription.awaitEnd();
        current = null;
        if (!closed) {
            // Not "disconnected" yet: the next attempt tells whether the engine is gone or the stream just ended.
            LOG.info("docker event stream ended ({}); reopening from {}", why, resumeFrom);
        }
    }

    private void deliver(DockerEvent event) {
        Instant last = resumeFrom;
        if (last == null || event.time().isAfter(last)) {
            resumeFrom = event.time();
        }
        listener.event(event);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        reconnect();
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.lpm.docker.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One open engine event stream. It ends when the engine closes it (restart, crash), on a transport
 * error, or on {@link #close()}; {@link #awaitEnd()} says which.
 */
public final class DockerEventSubscription implements ResultCallback<Event> {

    private final Consumer<DockerEvent> onEvent;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Closeable connection;

    DockerEventSubscription(Consumer<DockerEvent> onEvent) {
        this.onEvent = onEvent;
    }

    /** Blocks until the stream ends; returns why ("the engine closed the event stream", an error message). */
    public String awaitEnd() throws InterruptedException {
        try {
            return ended.get();
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        }
    }

    /** Waits until the engine answered the request, so events from now on are not missed; false when it ended first. */
    boolean awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (started.await(50, TimeUnit.MILLISECONDS)) {
                return !ended.isDone() || connection != null;
            }
            if (ended.isDone()) {
                return false;
            }
        }
        return false;
    }

    /** Why the stream ended, if it has. */
    String endReason() {
        return ended.getNow(null);
    }

    @Override
    public void onStart(Closeable stream) {
        this.connection = stream;
        started.countDown();
    }

    @Override
    public void onNext(Event event) {
        DockerEvent mapped = map(event);
        if (mapped != null) {
            onEvent.accept(mapped);
        }
    }

    @Override
    public void onError(Throwable error) {
        ended.complete("the event stream failed: " + DockerGateway.rootMessage(error));
        closeQuietly();
    }

    @Override
    public void onComplete() {
        ended.complete("the engine closed the event stream");
        closeQuietly();
    }

    @Override
    public void close() {
        ended.complete("closed by lpm");
        closeQuietly();
    }

    private void closeQuietly() {
        Closeable c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // the stream is gone either way
            }
        }
    }

    static DockerEvent map(Event e) {
        if (e.getAction() == null || e.getActor() == null) {
            return null;
        }
        long nanos = e.getTimeNano() != null ? e.getTimeNano() : e.getTime() == null ? 0 : e.getTime() * 1_000_000_000L;
        Instant time = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        if (e.getType() == EventType.NETWORK) {
            String container = e.getActor().getAttributes() == null ? null : e.getActor().getAttributes().get("container");
            return "connect".equals(e.getAction()) && container != null
                    ? new DockerEvent(DockerEvent.Kind.NETWORK_CONNECT, container, time) : null;
        }
        DockerEvent.Kind kind = switch (e.getAction()) {
            case "create" -> DockerEvent.Kind.CREATE;
            case "start" -> DockerEvent.Kind.START;
            case "die" -> DockerEvent.Kind.DIE;
            default -> null;
        };
        return kind == null ? null : new DockerEvent(kind, e.getActor().getId(), time);
    }
}

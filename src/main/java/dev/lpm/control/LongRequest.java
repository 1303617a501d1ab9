package dev.lpm.control;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceState;
import dev.lpm.events.EventBus;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A request that may take as long as a service's start timeout or stop grace (register, start, stop,
 * restart, unregister). The work runs on another thread while the connection's thread sends the
 * service's progress ("waiting for port 4003, 25s of 40s") as it happens, and repeats the last line at
 * least every {@link ControlReply#HEARTBEAT}, so the client knows the instance is alive.
 *
 * <p>The event subscriber only offers to a queue: it runs on the supervisor's threads, which must never
 * wait for a slow client.
 */
final class LongRequest {

    private static final int MAX_QUEUED = 64;
    /** Wakes the sender when the work is done; compared by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String DONE = new String("done");

    private LongRequest() {}

    /** The service a long request acts on, or {@code null} for a quick request. */
    static String serviceOf(ControlRequest request) {
        return switch (request) {
            case ControlRequest.Register r -> r.noStart() ? null : r.name();
            case ControlRequest.Start s -> s.name();
            case ControlRequest.Stop s -> s.name();
            case ControlRequest.Restart r -> r.name();
            case ControlRequest.Unregister u -> u.name();
            default -> null;
        };
    }

    /** What the heartbeat says before the service reports anything itself. */
    private static String doing(ControlRequest request, String service) {
        return switch (request) {
            case ControlRequest.Stop s -> "stopping " + service;
            case ControlRequest.Unregister u -> "stopping " + service;
            case ControlRequest.Restart r -> "restarting " + service;
            default -> "starting " + service;
        };
    }

    static ControlReply run(EventBus events, ControlRequest request, String service, Supplier<ControlReply> work,
                            ControlServer.ReplySink replies, ExecutorService executor) throws IOException {
        BlockingQueue<String> progress = new LinkedBlockingQueue<>();
        try (EventBus.Subscription ignored = events.subscribe(event -> {
            if (event instanceof LpmEvent.ServiceChanged changed
                    && changed.service().name().value().equals(service)
                    && changed.service().state() == ServiceState.STARTING
                    && progress.size() < MAX_QUEUED) { // full: the next heartbeat says enough
                progress.offer(changed.service().status().reason());
            }
        })) {
            CompletableFuture<ControlReply> result = CompletableFuture.supplyAsync(work, executor);
            result.whenComplete((reply, failure) -> progress.offer(DONE));
            String last = doing(request, service);
            while (!result.isDone()) {
                String next = progress.poll(ControlReply.HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (next == DONE || result.isDone()) {
                    break;
                }
                last = next != null ? next : last;
                replies.send(ControlReply.progress(last));
            }
            try {
                return result.get();
            } catch (ExecutionException e) {
                return ControlReply.failure(ApiError.of(ApiError.Kind.INTERNAL, String.valueOf(e.getCause().getMessage())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlReply.failure(ApiError.of(ApiError.Kind.UNAVAILABLE, "the lpm instance is shutting down"));
        }
    }
}

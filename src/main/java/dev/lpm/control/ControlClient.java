package dev.lpm.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Talks to the running instance over its Unix domain control socket, in HTTP ({@link ApiRoutes}). A request that gets no line at
 * all (reply or progress) within the idle timeout ends in a {@link ControlTimeoutException}: the
 * instance sends progress at least every {@link ControlReply#HEARTBEAT} while it works, so silence that
 * long means it hangs, and the user must be told instead of waiting for ever.
 */
public final class ControlClient {

    private static final ObjectMapper MAPPER = Json.mapper();
    /** Three missed heartbeats. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = ControlReply.HEARTBEAT.multipliedBy(3);
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lpm-control-client-timer").daemon().factory());

    private final Path socket;
    private final Duration idleTimeout;
    private volatile Consumer<String> onProgress = message -> { };

    public ControlClient(Path socket) {
        this(socket, DEFAULT_IDLE_TIMEOUT);
    }

    public ControlClient(Path socket, Duration idleTimeout) {
        this.socket = socket;
        this.idleTimeout = idleTimeout;
    }

    /** Where progress lines of long requests go (the CLI prints them on a terminal). */
    public ControlClient onProgress(Consumer<String> listener) {
        this.onProgress = listener;
        return this;
    }

    /** Sends a request and returns the data of its single reply. */
    public JsonNode call(ControlRequest request) {
        JsonNode[] result = new JsonNode[1];
        exchange(request, data -> result[0] = data, true);
        return result[0];
    }

    /**
     * Sends a request and hands the data of every reply to {@code onReply} until the server hangs up.
     * Only the first reply is timed: a followed log may then be silent for as long as the service is.
     */
    public void stream(ControlRequest request, Consumer<JsonNode> onReply) {
        exchange(request, onReply, false);
    }

    /**
     * {@link #stream} that first hands {@code onOpen} a way to half-close the connection once the request is
     * sent: the instance reads that as "the client is done" (lpm run's Ctrl-C) and ends the stream with its last
     * lines, which this call still delivers.
     */
    public void stream(ControlRequest request, Consumer<JsonNode> onReply, Consumer<Runnable> onOpen) {
        exchange(request, onReply, false, onOpen);
    }

    private void exchange(ControlRequest request, Consumer<JsonNode> onReply, boolean timeEveryReply) {
        exchange(request, onReply, timeEveryReply, halfClose -> { });
    }

    private void exchange(ControlRequest request, Consumer<JsonNode> onReply, boolean timeEveryReply,
                          Consumer<Runnable> onOpen) {
        ApiRoutes.HttpCall call = ApiRoutes.encode(request);
        Deadline deadline = new Deadline();
        try (SocketChannel channel = connect(); HttpClientExchange http = new HttpClientExchange(channel)) {
            deadline.arm(channel);
            http.send(call);
            onOpen.accept(() -> {
                try {
                    channel.shutdownOutput();
                } catch (IOException e) {
                    // already closed: the instance sees that as well
                }
            });
            HttpClientExchange.Head head = http.readHead();
            deadline.arm(channel);
            if (!head.streamed()) {
                byte[] body = http.readAll();
                if (head.status() >= 400) {
                    throw failure(body, head.status());
                }
                onReply.accept(MAPPER.readTree(body));
                return;
            }
            // JSON lines: progress, then data (one, or a batch per line of a followed log), or an error.
            for (byte[] line = http.readLine(); line != null; line = http.readLine()) {
                ControlReply reply = MAPPER.readValue(line, ControlReply.class);
                if (timeEveryReply || reply.hasProgress()) {
                    deadline.arm(channel);
                } else {
                    deadline.disarm();
                }
                if (reply.hasProgress()) {
                    onProgress.accept(reply.progress());
                } else if (!reply.ok()) {
                    throw new ControlException(reply.error());
                } else {
                    onReply.accept(reply.data());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (deadline.expired()) {
                throw new ControlTimeoutException(idleTimeout);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ControlException("lost the connection to the lpm instance (" + e.getMessage() + ")");
        } finally {
            deadline.disarm();
        }
    }

    private static ControlException failure(byte[] body, int status) {
        try {
            JsonNode error = MAPPER.readTree(body).path("error");
            return new ControlException(MAPPER.treeToValue(error, ApiError.class));
        } catch (IOException | RuntimeException e) {
            return new ControlException("the lpm instance answered HTTP " + status + " without an error message");
        }
    }

    /** Closes the channel when the instance stays silent for the idle timeout; re-armed by every line. */
    private final class Deadline {
        private ScheduledFuture<?> timer;
        private volatile boolean expired;

        synchronized void arm(SocketChannel channel) {
            disarm();
            timer = TIMERS.schedule(() -> {
                expired = true;
                try {
                    channel.close(); // wakes the blocked read
                } catch (IOException ignored) {
                    // closing anyway
                }
            }, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        synchronized void disarm() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        boolean expired() {
            return expired;
        }
    }

    /** Whether an instance answers right now. */
    public boolean isAvailable() {
        try (SocketChannel ignored = connect()) {
            return true;
        } catch (DaemonUnavailableException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private SocketChannel connect() {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new DaemonUnavailableException("no lpm instance answers on " + socket, e);
        }
    }
}

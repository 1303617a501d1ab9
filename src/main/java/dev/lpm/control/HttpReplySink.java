package dev.lpm.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.storage.Json;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a handler's replies into one HTTP response. {@link Mode#SINGLE}: the first data or error is
 * the whole response, with the error kind's status; progress only counts as a sign of life.
 * {@link Mode#LINES}: a chunked response of JSON lines (progress, data, error). {@link Mode#EVENTS}:
 * server-sent events. An error before anything was streamed is still a plain response with its status.
 */
final class HttpReplySink implements ControlServer.ReplySink {

    static final String JSON_LINES = "application/x-ndjson";
    private static final ObjectMapper MAPPER = Json.mapper();

    enum Mode { SINGLE, LINES, EVENTS }

    private final HttpConnection http;
    private final Mode mode;
    private final Runnable onActivity;
    private boolean begun;
    private boolean answered;

    HttpReplySink(HttpConnection http, Mode mode) {
        this(http, mode, () -> { });
    }

    HttpReplySink(HttpConnection http, Mode mode, Runnable onActivity) {
        this.http = http;
        this.mode = mode;
        this.onActivity = onActivity;
    }

    static byte[] errorBody(ApiError error) throws IOException {
        return MAPPER.writeValueAsBytes(Map.of("error", error));
    }

    @Override
    public synchronized void send(ControlReply reply) throws IOException {
        try {
            if (answered && mode == Mode.SINGLE) {
                throw new IllegalStateException("a second answer to a single request: " + reply);
            }
            if (!begun && !reply.ok()) {
                answered = true;
                http.respond(HttpResponseStatus.valueOf(reply.error().status()), "application/json",
                        errorBody(reply.error()));
                return;
            }
            switch (mode) {
                case SINGLE -> {
                    if (!reply.hasProgress()) {
                        answered = true;
                        http.respond(HttpResponseStatus.OK, "application/json", MAPPER.writeValueAsBytes(reply.data()));
                    }
                }
                case LINES -> {
                    begin(JSON_LINES);
                    http.part((MAPPER.writeValueAsString(reply) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                case EVENTS -> {
                    begin("text/event-stream");
                    // A progress reply is a keep-alive: an SSE comment, which clients skip.
                    String text = reply.hasProgress() ? ": " + reply.progress() + "\n\n"
                            : "event: " + reply.event() + "\ndata: " + MAPPER.writeValueAsString(reply.data()) + "\n\n";
                    http.part(text.getBytes(StandardCharsets.UTF_8));
                }
            }
        } finally {
            onActivity.run();
        }
    }

    private void begin(String contentType) throws IOException {
        if (!begun) {
            begun = true;
            http.begin(contentType);
        }
    }

    /** Ends a streamed response; a single one was complete when sent. */
    synchronized void finish() throws IOException {
        if (begun) {
            http.end();
        } else if (!answered) {
            http.respond(HttpResponseStatus.INTERNAL_SERVER_ERROR, "application/json",
                    errorBody(ApiError.of(ApiError.Kind.INTERNAL, "the lpm instance sent no answer")));
        }
    }
}

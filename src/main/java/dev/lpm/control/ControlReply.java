package dev.lpm.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a handler answers: data, a typed error, or a progress message. A request gets one answer, except
 * a followed log or the event stream, which get one per batch or event. Before it, a long request
 * (start, restart, register) sends progress at least every {@link #HEARTBEAT}, so a client can tell a
 * slow operation from an instance that hangs. On a streamed response each is one line of JSON:
 * {@code {"progress":"..."}}, {@code {"data":...}} or {@code {"error":{...}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlReply(JsonNode data, ApiError error, String progress, @JsonIgnore String event) {

    /** The longest a long request stays silent: the client's idle timeout must be well above it. */
    public static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(5);

    public static ControlReply success(JsonNode data) {
        return new ControlReply(data, null, null, null);
    }

    public static ControlReply failure(ApiError error) {
        return new ControlReply(null, error, null, null);
    }

    public static ControlReply progress(String message) {
        return new ControlReply(null, null, message, null);
    }

    /** One server-sent event of the event stream. */
    public static ControlReply event(String name, JsonNode data) {
        return new ControlReply(data, null, null, name);
    }

    @JsonIgnore
    public boolean ok() {
        return error == null;
    }

    public boolean hasProgress() {
        return progress != null;
    }
}

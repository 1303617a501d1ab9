package dev.lpm.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One reply line: {@code {"ok":true,"data":...}} or {@code {"ok":false,"error":"..."}}. A request gets
 * one reply, except a followed log, which gets one reply per batch of lines. Before it, a long request
 * (start, restart, register) may send progress lines, {@code {"ok":true,"progress":"..."}}, at least
 * every {@link #HEARTBEAT}, so a client can tell a slow operation from an instance that hangs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlReply(boolean ok, JsonNode data, String error, String progress) {

    /** The longest a long request stays silent: the client's idle timeout must be well above it. */
    public static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(5);

    public static ControlReply success(JsonNode data) {
        return new ControlReply(true, data, null, null);
    }

    public static ControlReply failure(String error) {
        return new ControlReply(false, null, error, null);
    }

    public static ControlReply progress(String message) {
        return new ControlReply(true, null, null, message);
    }

    public boolean hasProgress() {
        return progress != null;
    }
}

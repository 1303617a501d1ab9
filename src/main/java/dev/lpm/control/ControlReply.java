package dev.lpm.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One reply line: {@code {"ok":true,"data":...}} or {@code {"ok":false,"error":"..."}}. A request gets
 * one reply, except a followed log, which gets one reply per batch of lines.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlReply(boolean ok, JsonNode data, String error) {

    public static ControlReply success(JsonNode data) {
        return new ControlReply(true, data, null);
    }

    public static ControlReply failure(String error) {
        return new ControlReply(false, null, error);
    }
}

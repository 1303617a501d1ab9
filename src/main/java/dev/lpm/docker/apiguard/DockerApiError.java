package dev.lpm.docker.apiguard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/** An answer in the engine's own error format, {"message": "..."}, which the docker CLI prints as is. */
final class DockerApiError {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DockerApiError() {}

    static FullHttpResponse response(int status, String message, boolean keepAlive) {
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(Map.of("message", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.SERVER, "lpm-docker-api-guard");
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /** The raw bytes of a refusal, for a connection that gets no HTTP codec (a peer of another user). */
    static byte[] rawForbidden(String message) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(Map.of("message", message));
            String head = "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] all = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

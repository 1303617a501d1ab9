package dev.lpm.audit.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a TCP address answers the Docker API over plain HTTP, without TLS or a client certificate:
 * {@code GET /_ping} answered 200 with the engine's {@code Api-Version} header. The proof that
 * {@code -H tcp://...} is not just configured but open to whoever reaches the port.
 */
public final class PlainHttpApiProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private PlainHttpApiProbe() {}

    /**
     * {@code address}: {@code tcp://HOST:PORT} or {@code HOST:PORT}; a wildcard host (0.0.0.0, ::) is tried on
     * loopback. Returns the API version it answered with, or empty when it did not answer as an engine.
     */
    public static Optional<String> answers(String address) {
        String hostPort = address.startsWith("tcp://") ? address.substring("tcp://".length()) : address;
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        String port = hostPort.substring(colon + 1).replaceAll("/.*", "");
        if (host.equals("0.0.0.0") || host.isEmpty()) {
            host = "127.0.0.1";
        } else if (host.equals("::")) {
            host = "::1";
        }
        String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                    .proxy(HttpClient.Builder.NO_PROXY).build();
            try (client) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://" + authority
                        + "/_ping")).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? response.headers().firstValue("Api-Version") : Optional.empty();
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

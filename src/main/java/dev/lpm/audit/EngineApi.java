package dev.lpm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The Docker Engine API as JSON, over docker-java's transport (the socket from DOCKER_HOST or the
 * default one). The audit reads the raw JSON rather than docker-java's model so that recorded {@code
 * docker inspect} output and the live engine are read by the same code ({@link InspectJson}).
 */
public final class EngineApi implements AutoCloseable {

    private final DockerHttpClient http;
    private final URI host;

    private EngineApi(DockerHttpClient http, URI host) {
        this.http = http;
        this.host = host;
    }

    /** The engine docker's own configuration points to (DOCKER_HOST, else unix:///var/run/docker.sock). */
    public static EngineApi connect() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        return connect(config.getDockerHost(), config);
    }

    public static EngineApi connect(URI dockerHost) {
        return connect(dockerHost, DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost.toString()).build());
    }

    private static EngineApi connect(URI dockerHost, DockerClientConfig config) {
        // No response timeout: the event stream stays open for as long as the instance runs.
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(dockerHost)
                .sslConfig(config.getSSLConfig()).connectionTimeout(Duration.ofSeconds(5)).maxConnections(8).build();
        return new EngineApi(http, dockerHost);
    }

    public URI host() {
        return host;
    }

    /** GET {@code path}; fails with the engine's message on any status but 2xx. */
    public JsonNode get(String path) {
        return find(path).orElseThrow(() -> new EngineException("the Docker engine has no " + path));
    }

    /** GET {@code path}; empty on 404. */
    public Optional<JsonNode> find(String path) {
        try (DockerHttpClient.Response response = http.execute(request(path))) {
            byte[] body = response.getBody().readAllBytes();
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            if (response.getStatusCode() / 100 != 2) {
                throw new EngineException("the Docker engine answered " + response.getStatusCode() + " to GET " + path
                        + ": " + new String(body, StandardCharsets.UTF_8).strip());
            }
            return Optional.of(Json.mapper().readTree(body));
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngineException engine) {
                throw engine;
            }
            throw new EngineException("cannot reach the Docker engine at " + host + ": " + e.getMessage(), e);
        }
    }

    /** A streaming GET (the event stream); close the returned response to end it. */
    public DockerHttpClient.Response stream(String path) {
        DockerHttpClient.Response response = http.execute(request(path));
        if (response.getStatusCode() / 100 != 2) {
            response.close();
            throw new EngineException("the Docker engine answered " + response.getStatusCode() + " to GET " + path);
        }
        return response;
    }

    private static DockerHttpClient.Request request(String path) {
        return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path(path).build();
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The engine could not be reached or refused a request; the message says which. */
    public static final class EngineException extends RuntimeException {
        public EngineException(String message) {
            super(message);
        }

        public EngineException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

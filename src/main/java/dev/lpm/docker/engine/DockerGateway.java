package dev.lpm.docker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.lpm.storage.Json;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one place lpm talks to the Docker engine (docker-java over the zero-dependency transport). Every
 * failure comes out as a {@link DockerEngineException} naming the engine address, so a missing engine
 * reads "no Docker engine at unix:///var/run/docker.sock: ..." instead of a transport stack trace.
 * Thread-safe.
 */
public final class DockerGateway implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Longest ordinary call: a stop waits for the container's grace period plus the kill. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final String host;
    private final DockerHttpClient callsHttp;
    private final DockerClient calls;
    // Event streams stay open for hours: they get their own connections without a response timeout.
    // Two streams are long-lived (the container guard's and the audit's); the rest is room for a reconnect.
    private final DockerHttpClient streamHttp;
    private final DockerClient stream;

    private DockerGateway(DockerClientConfig config) {
        this.host = config.getDockerHost().toString();
        this.callsHttp = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT).responseTimeout(CALL_TIMEOUT).maxConnections(8).build();
        this.calls = DockerClientImpl.getInstance(config, callsHttp);
        this.streamHttp = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT).maxConnections(4).build();
        this.stream = DockerClientImpl.getInstance(config, streamHttp);
    }

    /**
     * The engine lpm talks to, decided here only: {@code engineHost} from settings.json when set (e.g. a
     * Podman service's Docker-compatible socket), else {@link #fromEnvironment()}.
     */
    public static DockerGateway open(String engineHost) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder();
        return new DockerGateway((engineHost == null ? config : config.withDockerHost(engineHost)).build());
    }

    /** The engine the docker CLI would use: DOCKER_HOST when set, else the platform default socket. */
    public static DockerGateway fromEnvironment() {
        return new DockerGateway(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    /** A specific engine, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}. */
    public static DockerGateway connect(String dockerHost) {
        return new DockerGateway(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build());
    }

    public String dockerHost() {
        return host;
    }

    /** The engine's version, e.g. "20.10.24+dfsg1"; doubles as the reachability check. */
    public String engineVersion() {
        return call("asking the engine's version", () -> calls.versionCmd().exec().getVersion());
    }

    /** The engine's clock now, so a resumed event stream's {@code since} is on the engine's clock, not ours. */
    public Instant engineTime() {
        String time = call("asking the engine's time", () -> calls.infoCmd().exec().getSystemTime());
        return time == null ? Instant.now() : Instant.parse(time);
    }

    /** Every running container, inspected. */
    public List<ContainerInfo> runningContainers() {
        List<Container> listed = call("listing containers", () -> calls.listContainersCmd().exec());
        List<ContainerInfo> result = new ArrayList<>();
        for (Container c : listed) {
            inspect(c.getId()).filter(ContainerInfo::running).ifPresent(result::add); // it may have stopped meanwhile
        }
        return result;
    }

    /** The container called {@code idOrName}, or empty when there is none. */
    public Optional<ContainerInfo> inspect(String idOrName) {
        return findJson(inspectPath(idOrName)).map(ContainerJson::info);
    }

    /** {@code GET /containers/ID/json}, the raw JSON that {@link ContainerJson} reads. */
    private static String inspectPath(String idOrName) {
        // Encoded: a name taken from a client's request must stay one path segment.
        return "/containers/" + URLEncoder.encode(idOrName, StandardCharsets.UTF_8) + "/json";
    }

    /** Stops a container: SIGTERM, SIGKILL after {@code timeout} (whole seconds: the API's unit). Already stopped is fine. */
    public void stop(String id, Duration timeout) {
        call("stopping container " + id, () -> {
            try {
                calls.stopContainerCmd(id).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
            } catch (NotModifiedException alreadyStopped) {
                // nothing to do
            }
            return null;
        });
    }

    public void start(String id) {
        call("starting container " + id, () -> {
            try {
                calls.startContainerCmd(id).exec();
            } catch (NotModifiedException alreadyRunning) {
                // nothing to do
            }
            return null;
        });
    }

    public void setRestartPolicy(String id, ContainerRestartPolicy policy) {
        call("setting the restart policy of " + id + " to " + policy, () -> {
            calls.updateContainerCmd(id).withRestartPolicy(asDockerJava(policy)).exec();
            return null;
        });
    }

    private static RestartPolicy asDockerJava(ContainerRestartPolicy policy) {
        // Not RestartPolicy.noRestart(): that is named "", which the engine's update endpoint reads as
        // "leave the policy as it is". The engine needs "no" spelled out, and docker-java has no factory for it.
        return Json.mapper().convertValue(
                Map.of("Name", policy.name(), "MaximumRetryCount", policy.maxRetries()), RestartPolicy.class);
    }

    /**
     * Sets the restart policy to "no" so a stopped container stays stopped, also across an engine
     * restart, and returns the policy it had, for {@link #setRestartPolicy} on resume.
     */
    public ContainerRestartPolicy neutraliseRestartPolicy(String id) {
        ContainerRestartPolicy old = inspect(id).orElseThrow(() -> new DockerEngineException.NoSuchContainer(
                "no container " + id + " at " + host, null)).restartPolicy();
        if (!old.isNo()) {
            setRestartPolicy(id, ContainerRestartPolicy.NO);
        }
        return old;
    }

    /**
     * Makes sure exactly one network called {@code name} exists, creating it as a bridge with
     * {@code Internal=true} (no route out, nothing published) when there is none. The engine's duplicate
     * check is racy (20.10 lets concurrent creates through), so after creating, every racer keeps the
     * same one (oldest, then lowest id) and removes the others it can. Returns whether the one left is
     * internal: false means someone else made a network of that name without isolation.
     */
    public boolean ensureInternalNetwork(String name, Map<String, String> labels) {
        List<Network> found = networksNamed(name);
        if (found.isEmpty()) {
            try {
                call("creating the internal network " + name, () -> calls.createNetworkCmd().withName(name)
                        .withDriver("bridge").withInternal(true).withCheckDuplicate(true).withLabels(labels).exec());
            } catch (DockerEngineException e) {
                if (!(e.getCause() instanceof ConflictException)) {
                    throw e; // a conflict means another lpm made it meanwhile: fine, it is looked at below
                }
            }
            found = networksNamed(name);
        }
        Network keep = found.stream().min(Comparator.comparing((Network n) -> n.getCreated() == null ? new java.util.Date(0)
                : n.getCreated()).thenComparing(Network::getId)).orElseThrow(() -> new DockerEngineException(
                "the network " + name + " at " + host + " vanished right after it was created", false, null));
        for (Network extra : found) {
            if (!extra.getId().equals(keep.getId())) {
                try {
                    call("removing the duplicate network " + name, () -> {
                        calls.removeNetworkCmd(extra.getId()).exec();
                        return null;
                    });
                } catch (DockerEngineException e) {
                    // another racer removed it already, or a container uses it: either way not ours to force
                }
            }
        }
        return Boolean.TRUE.equals(keep.getInternal());
    }

    /** Networks called exactly {@code name} (the engine's name filter matches substrings). */
    private List<Network> networksNamed(String name) {
        return call("listing networks called " + name, () -> calls.listNetworksCmd().withNameFilter(name).exec())
                .stream().filter(n -> name.equals(n.getName())).toList();
    }

    /** The container's IP address on {@code network}; empty while it has none (not started, or not on it). */
    public Optional<String> containerAddress(String idOrName, String network) {
        return findJson(inspectPath(idOrName)).flatMap(json -> ContainerJson.address(json, network));
    }

    /** Removes a container, running or not (SIGKILL). Already gone is fine. */
    public void remove(String idOrName) {
        try {
            call("removing container " + idOrName, () -> {
                calls.removeContainerCmd(idOrName).withForce(true).exec();
                return null;
            });
        } catch (DockerEngineException.NoSuchContainer alreadyGone) {
            // nothing to do
        } catch (DockerEngineException e) {
            if (!(e.getCause() instanceof ConflictException)) { // "removal already in progress" (--rm) is fine
                throw e;
            }
        }
    }

    /**
     * Opens the engine's event stream (container create/start/die, network connect), replaying from
     * {@code since} when given. Returns once the engine has answered, so nothing that happens afterwards
     * is missed. Events arrive on docker-java's stream thread: hand them on quickly.
     */
    public DockerEventSubscription events(Instant since, Consumer<DockerEvent> onEvent) throws InterruptedException {
        DockerEventSubscription subscription = new DockerEventSubscription(onEvent);
        call("opening the event stream", () -> {
            var cmd = stream.eventsCmd()
                    .withEventTypeFilter(EventType.CONTAINER, EventType.NETWORK)
                    .withEventFilter("create", "start", "die", "connect");
            if (since != null) {
                cmd = cmd.withSince(since.getEpochSecond() + "." + String.format("%09d", since.getNano()));
            }
            return cmd.exec(subscription);
        });
        if (!subscription.awaitStarted(CONNECT_TIMEOUT.plusSeconds(2))) {
            subscription.close();
            String why = subscription.endReason();
            throw new DockerEngineException("no Docker engine at " + host + " (opening the event stream): "
                    + (why == null ? "no answer within " + CONNECT_TIMEOUT.plusSeconds(2).toSeconds() + " s" : why),
                    true, null);
        }
        return subscription;
    }

    /**
     * GET {@code path} of the Engine API as JSON, e.g. {@code /containers/ID/json}; empty on 404. Containers
     * are read from the raw JSON so that recorded {@code docker inspect} output and the live engine go
     * through the same reader, {@link ContainerJson}.
     */
    public Optional<JsonNode> findJson(String path) {
        byte[] body;
        int status;
        try (DockerHttpClient.Response response = callsHttp.execute(get(path))) {
            status = response.getStatusCode();
            body = response.getBody().readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new DockerEngineException("no Docker engine at " + host + " (GET " + path + "): " + rootMessage(e),
                    true, e);
        }
        if (status == 404) {
            return Optional.empty();
        }
        if (status / 100 != 2) {
            throw new DockerEngineException("the Docker engine at " + host + " answered " + status + " to GET " + path
                    + ": " + new String(body, StandardCharsets.UTF_8).strip(), false, null);
        }
        try {
            return Optional.of(Json.mapper().readTree(body));
        } catch (IOException e) {
            throw new DockerEngineException("the Docker engine at " + host + " answered GET " + path
                    + " with something that is not JSON: " + e.getMessage(), false, e);
        }
    }

    /** GET {@code path} as JSON; a 404 fails like any other refusal. */
    public JsonNode getJson(String path) {
        return findJson(path).orElseThrow(() -> new DockerEngineException(
                "the Docker engine at " + host + " has no " + path, false, null));
    }

    /**
     * A streaming GET (e.g. {@code /events?filters=...}): newline-delimited JSON until the engine goes away.
     * Closing the returned stream, from any thread, ends it.
     */
    public InputStream streamJson(String path) {
        DockerHttpClient.Response response;
        try {
            response = streamHttp.execute(get(path));
        } catch (RuntimeException e) {
            throw new DockerEngineException("no Docker engine at " + host + " (GET " + path + "): " + rootMessage(e),
                    true, e);
        }
        if (response.getStatusCode() / 100 != 2) {
            response.close();
            throw new DockerEngineException("the Docker engine at " + host + " answered " + response.getStatusCode()
                    + " to GET " + path, false, null);
        }
        return new FilterInputStream(response.getBody()) {
            @Override
            public void close() {
                response.close();
            }
        };
    }

    private static DockerHttpClient.Request get(String path) {
        return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path(path).build();
    }

    @Override
    public void close() {
        for (DockerClient client : List.of(stream, calls)) {
            try {
                client.close();
            } catch (IOException e) {
                // closing idle connections; nothing left to do
            }
        }
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (NotFoundException e) {
            throw new DockerEngineException.NoSuchContainer(what + " at " + host + ": " + e.getMessage().strip(), e);
        } catch (DockerException e) {
            throw new DockerEngineException(what + " at " + host + " failed: " + e.getMessage().strip(), false, e);
        } catch (RuntimeException e) {
            // Anything else is the transport: no socket, connection refused, engine went away mid-call.
            throw new DockerEngineException("no Docker engine at " + host + " (" + what + "): " + rootMessage(e), true, e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }
}

package dev.lpm.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The Docker engine's version ({@code docker version}'s Server.Version, e.g. "20.10.24+dfsg1"). */
public final class EngineVersion {

    private EngineVersion() {}

    /** Asks the engine that DOCKER_HOST (default: the local socket) points at. */
    public static String query() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        try (var http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build();
             DockerClient client = DockerClientImpl.getInstance(config, http)) {
            return query(client);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String query(DockerClient client) {
        return client.versionCmd().exec().getVersion();
    }

    /** The major version ("20.10.24+dfsg1" -> 20, "28.0.1" -> 28); -1 when unreadable. */
    public static int major(String version) {
        if (version == null) {
            return -1;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?(\\d+)\\.").matcher(version.strip());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}

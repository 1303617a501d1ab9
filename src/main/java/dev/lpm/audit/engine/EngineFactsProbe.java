package dev.lpm.audit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.net.ProcNetTcp;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Gathers {@link EngineFacts} from the engine (version, rootless), daemon.json, dockerd's command line
 * and the listening sockets in {@code /proc} (Linux). Every part that cannot be read is left at its
 * default rather than failing the whole audit.
 */
public final class EngineFactsProbe {

    private final Path daemonJson;
    private final Path proc;

    public EngineFactsProbe() {
        this(Path.of("/etc/docker/daemon.json"), Path.of("/proc"));
    }

    public EngineFactsProbe(Path daemonJson, Path proc) {
        this.daemonJson = daemonJson;
        this.proc = proc;
    }

    public EngineFacts probe(DockerGateway engine) {
        JsonNode version = engine.getJson("/version");
        JsonNode info = engine.getJson("/info");
        boolean rootless = false;
        for (JsonNode option : info.path("SecurityOptions")) {
            rootless |= option.asText().contains("name=rootless");
        }
        String host = engine.dockerHost();
        EngineFacts.SocketFacts socket = host.startsWith("unix://") ? socket(Path.of(host.substring("unix://".length())))
                : null;
        return new EngineFacts(version.path("Version").asText(""), rootless, daemonConfig(daemonJson),
                dockerdArgs(), socket, tcpListeners());
    }

    public static DaemonConfig daemonConfig(Path file) {
        if (!Files.exists(file)) {
            return DaemonConfig.ABSENT;
        }
        try {
            return DaemonConfig.parse(Json.mapper().readTree(Files.readString(file)));
        } catch (IOException e) {
            return DaemonConfig.unreadable(e.getMessage());
        }
    }

    static EngineFacts.SocketFacts socket(Path path) {
        try {
            PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new EngineFacts.SocketFacts(path.toString(), a.owner().getName(), a.group().getName(),
                    mode(a.permissions()));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            // OWNER_READ is ordinal 0 and worth 0400; each next one is worth half as much.
            mode |= 0400 >> p.ordinal();
        }
        return mode;
    }

    /** The command line of the first process named dockerd. */
    List<String> dockerdArgs() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path dir : dirs) {
                try {
                    if (Files.readString(dir.resolve("comm")).strip().equals("dockerd")) {
                        String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
                        return Arrays.stream(cmdline.split("\0")).filter(s -> !s.isEmpty()).toList();
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.of();
    }

    /** Listening TCP sockets on the Docker API ports, from /proc/net/tcp and tcp6. */
    List<String> tcpListeners() {
        List<String> result = new ArrayList<>();
        for (String file : List.of("net/tcp", "net/tcp6")) {
            try {
                ProcNetTcp.listening(Files.readString(proc.resolve(file)), file.endsWith("6"), ByteOrder.nativeOrder())
                        .stream().filter(s -> s.port() == 2375 || s.port() == 2376)
                        .forEach(s -> result.add(s.address()));
            } catch (IOException | RuntimeException e) {
                // not Linux, or no IPv6: nothing to add
            }
        }
        return result;
    }
}

package dev.lpm.audit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.net.ProcNetTcp;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers {@link EngineFacts} from the engine (version, /info), daemon.json, the command line of the dockerd
 * that serves this engine, the listening sockets in {@code /proc} (Linux), and a plain-HTTP try of every TCP
 * address the engine may serve. Every part that cannot be read is left at its
 * default rather than failing the whole audit.
 */
public final class EngineFactsProbe {

    /** Where the engine reads its settings on Linux. */
    public static final Path DAEMON_JSON = Path.of("/etc/docker/daemon.json");

    private final Path daemonJson;
    private final Path proc;

    public EngineFactsProbe() {
        this(DAEMON_JSON, Path.of("/proc"));
    }

    public EngineFactsProbe(Path daemonJson, Path proc) {
        this.daemonJson = daemonJson;
        this.proc = proc;
    }

    public EngineFacts probe(DockerGateway engine) {
        JsonNode version = engine.getJson("/version");
        DaemonInfo info = DaemonInfo.parse(engine.getJson("/info"));
        String host = engine.dockerHost();
        EngineFacts.SocketFacts socket = host.startsWith("unix://") ? socket(Path.of(host.substring("unix://".length())))
                : null;
        DaemonConfig daemon = daemonConfig(daemonJson);
        List<String> args = DockerdProcess.argsFor(proc, host);
        List<String> listeners = tcpListeners();
        return new EngineFacts(version.path("Version").asText(""), info.rootless(), daemon, args, socket, listeners,
                info, plainHttpApis(daemon, args, listeners, host));
    }

    /** Every TCP address this engine may serve (its -H, daemon.json, a 2375 listener, lpm's own DOCKER_HOST), tried. */
    static List<String> plainHttpApis(DaemonConfig daemon, List<String> args, List<String> listeners, String host) {
        Set<String> addresses = new LinkedHashSet<>();
        DockerdProcess.hosts(args).stream().filter(h -> h.startsWith("tcp://")).forEach(addresses::add);
        daemon.hosts().stream().filter(h -> h.startsWith("tcp://")).forEach(addresses::add);
        listeners.stream().filter(l -> l.endsWith(":2375")).forEach(l -> addresses.add("tcp://" + l));
        if (host.startsWith("tcp://")) {
            addresses.add(host);
        }
        List<String> answered = new ArrayList<>();
        for (String address : addresses) {
            PlainHttpApiProbe.answers(address).ifPresent(api -> answered.add(address + " (API " + api + ")"));
        }
        return answered;
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

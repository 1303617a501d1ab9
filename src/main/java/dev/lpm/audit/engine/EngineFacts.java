package dev.lpm.audit.engine;

import java.util.List;

/**
 * What the engine and host checks look at, gathered by {@link EngineFactsProbe} (or written by hand in
 * tests).
 *
 * @param version        the engine's version ({@code GET /version}), e.g. {@code 20.10.24+dfsg1}
 * @param rootless       the engine runs rootless ({@code GET /info} SecurityOptions has name=rootless)
 * @param daemon         daemon.json
 * @param daemonArgs     dockerd's command line (its -H and --tlsverify flags), empty when not found
 * @param socket         the engine's Unix socket, or null when the engine is reached some other way
 * @param tcpListeners   local addresses listening on 2375 or 2376, e.g. {@code 0.0.0.0:2375}
 * @param info           what {@code GET /info} says (live restore, userns-remap, runtimes)
 * @param plainHttpApis  the TCP addresses that answered the Docker API over plain HTTP, with the API version,
 *                       e.g. {@code tcp://127.0.0.1:2375 (API 1.41)}
 */
public record EngineFacts(String version, boolean rootless, DaemonConfig daemon, List<String> daemonArgs,
                          SocketFacts socket, List<String> tcpListeners, DaemonInfo info, List<String> plainHttpApis) {

    public EngineFacts {
        version = version == null ? "" : version;
        daemon = daemon == null ? DaemonConfig.ABSENT : daemon;
        daemonArgs = daemonArgs == null ? List.of() : List.copyOf(daemonArgs);
        tcpListeners = tcpListeners == null ? List.of() : List.copyOf(tcpListeners);
        info = info == null ? DaemonInfo.UNKNOWN : info;
        plainHttpApis = plainHttpApis == null ? List.of() : List.copyOf(plainHttpApis);
    }

    /** Facts without /info and without the plain-HTTP probe (the daemon.json and socket checks alone). */
    public EngineFacts(String version, boolean rootless, DaemonConfig daemon, List<String> daemonArgs,
                       SocketFacts socket, List<String> tcpListeners) {
        this(version, rootless, daemon, daemonArgs, socket, tcpListeners, null, null);
    }

    /** The socket file: owner, group and permission bits (e.g. 0660). */
    public record SocketFacts(String path, String owner, String group, int mode) {
        public String modeText() {
            return String.format("%04o", mode);
        }
    }
}

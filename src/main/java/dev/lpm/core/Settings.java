package dev.lpm.core;

import java.time.Duration;
import java.util.Set;

/**
 * User-tunable settings, read from {@code settings.json} in LPM_HOME. Every field has a default, so a
 * missing file or a missing field means "use the default".
 *
 * @param portRange       where assigned ports come from
 * @param excludedPorts   ports never handed out (browsers refuse 4045 and 4190: "unsafe ports")
 * @param proxyPort       where the loopback proxy listens: http://NAME.localhost:PROXYPORT
 * @param startTimeout    how long a service may take to accept connections on its port
 * @param stopGrace       how long a stopped service gets between SIGTERM and SIGKILL
 * @param restartPolicy   what happens when a service crashes
 * @param logBufferLines  lines of output kept in memory per service
 * @param logFileMaxBytes size at which a service's log file is rotated
 * @param logFilesKept    rotated log files kept per service
 * @param vpn             what the VPN detector counts as a VPN (interface names, adapters, processes)
 * @param killSwitch      while a VPN is active, block Docker services that publish ports (default on)
 * @param resumeContainers when the VPN goes down, start the containers the kill switch stopped (default off:
 *                         they are offered for resume)
 * @param isolatedDefault  whether the desktop register dialog starts with "isolated" switched on (default off);
 *                         the CLI's --isolated flag is unaffected
 * @param allowHostNetworkBuilds whether the Docker API guard lets a build use the host's network
 *                         ({@code docker build --network host}; default off: its RUN steps could listen on
 *                         every interface)
 * @param allowPrivilegedExec whether the Docker API guard lets {@code docker exec --privileged} through
 *                         (default off: a privileged exec can change the container's network and firewall)
 * @param engineHost      the container engine lpm talks to (kill switch, API guard, audit, isolated mode):
 *                         {@code unix:///PATH} or {@code tcp://HOST:PORT}, e.g. a Podman service's
 *                         Docker-compatible socket; null (the default): DOCKER_HOST, else the platform's
 *                         Docker socket
 * @param mutedNotifications the kinds of desktop notification not shown ({@link #NOTIFICATION_KINDS}: blocks,
 *                         vpn, crashes); default none. The tray and the window still show the state.
 * @param hostsSync       keep lpm's block in the hosts file in step with the registered names while the instance
 *                         runs (through the root helper when the instance may not write the file); default off
 * @param urlScheme       the scheme of the addresses lpm prints and opens: auto (default: https once lpm's CA is
 *                         trusted, see {@link #urlOf}), http or https
 */
public record Settings(PortRange portRange, Set<Integer> excludedPorts, int proxyPort, Duration startTimeout,
                       Duration stopGrace, RestartPolicy restartPolicy, int logBufferLines, long logFileMaxBytes,
                       int logFilesKept, VpnPatterns vpn, boolean killSwitch,
                       boolean resumeContainers, boolean isolatedDefault, boolean allowHostNetworkBuilds,
                       boolean allowPrivilegedExec, String engineHost, Set<String> mutedNotifications,
                       boolean hostsSync, UrlScheme urlScheme) {

    /** Ports in the default range that browsers refuse to connect to (Fetch spec "bad ports"). */
    public static final Set<Integer> BROWSER_UNSAFE_PORTS = Set.of(4045, 4190);

    /** The kinds of desktop notification, as {@code mutedNotifications} names them. */
    public static final java.util.List<String> NOTIFICATION_KINDS = java.util.List.of("blocks", "vpn", "crashes");

    public static final Settings DEFAULTS = new Settings(PortRange.DEFAULT, BROWSER_UNSAFE_PORTS, 1355,
            Duration.ofSeconds(30), Duration.ofSeconds(5), RestartPolicy.DEFAULT, 2000, 5L * 1024 * 1024, 3,
            VpnPatterns.DEFAULTS, true, false, false, false, false, null, Set.of(), false, UrlScheme.AUTO);

    public Settings {
        portRange = portRange == null ? DEFAULTS.portRange() : portRange;
        excludedPorts = excludedPorts == null ? BROWSER_UNSAFE_PORTS : Set.copyOf(excludedPorts);
        proxyPort = proxyPort == 0 ? 1355 : proxyPort;
        startTimeout = startTimeout == null ? Duration.ofSeconds(30) : startTimeout;
        stopGrace = stopGrace == null ? Duration.ofSeconds(5) : stopGrace;
        restartPolicy = restartPolicy == null ? RestartPolicy.DEFAULT : restartPolicy;
        logBufferLines = logBufferLines <= 0 ? 2000 : logBufferLines;
        logFileMaxBytes = logFileMaxBytes <= 0 ? 5L * 1024 * 1024 : logFileMaxBytes;
        logFilesKept = logFilesKept <= 0 ? 3 : logFilesKept;
        vpn = vpn == null ? VpnPatterns.DEFAULTS : vpn;
        urlScheme = urlScheme == null ? UrlScheme.AUTO : urlScheme;
        if (proxyPort < 1 || proxyPort > 65_535) {
            throw new IllegalArgumentException("proxyPort " + proxyPort + " is outside 1-65535");
        }
        engineHost = engineHost == null || engineHost.isBlank() ? null : engineHost.strip();
        if (engineHost != null && !engineHost.matches("(unix:///|tcp://)\\S+")) {
            throw new IllegalArgumentException("engineHost '" + engineHost + "' is neither unix:///PATH nor "
                    + "tcp://HOST:PORT");
        }
        mutedNotifications = mutedNotifications == null ? Set.of() : Set.copyOf(mutedNotifications);
        for (String kind : mutedNotifications) {
            if (!NOTIFICATION_KINDS.contains(kind)) {
                throw new IllegalArgumentException("mutedNotifications: '" + kind + "' is not a kind of notification; the kinds are "
                        + String.join(", ", NOTIFICATION_KINDS));
            }
        }
    }

    /** Whether desktop notifications of {@code kind} (one of {@link #NOTIFICATION_KINDS}) are shown. */
    public boolean notifies(String kind) {
        return !mutedNotifications.contains(kind);
    }

    /** The settings as they were before {@code isolatedDefault} existed: it is off. */
    public Settings(PortRange portRange, Set<Integer> excludedPorts, int proxyPort, Duration startTimeout,
                    Duration stopGrace, RestartPolicy restartPolicy, int logBufferLines, long logFileMaxBytes,
                    int logFilesKept, VpnPatterns vpn, boolean killSwitch, boolean resumeContainers) {
        this(portRange, excludedPorts, proxyPort, startTimeout, stopGrace, restartPolicy, logBufferLines,
                logFileMaxBytes, logFilesKept, vpn, killSwitch, resumeContainers, false, false, false, null, Set.of(), false, UrlScheme.AUTO);
    }

    /** A copy with the changes {@code change} makes to a mutable copy of every field: the one copy-with. */
    public Settings edit(java.util.function.Consumer<Editable> change) {
        Editable e = new Editable(this);
        change.accept(e);
        return new Settings(e.portRange, e.excludedPorts, e.proxyPort, e.startTimeout, e.stopGrace, e.restartPolicy,
                e.logBufferLines, e.logFileMaxBytes, e.logFilesKept, e.vpn, e.killSwitch, e.resumeContainers,
                e.isolatedDefault, e.allowHostNetworkBuilds, e.allowPrivilegedExec, e.engineHost, e.mutedNotifications,
                e.hostsSync, e.urlScheme);
    }

    /** Every field of a {@link Settings}, to change some of them in {@link #edit}. */
    public static final class Editable {
        public PortRange portRange;
        public Set<Integer> excludedPorts;
        public int proxyPort;
        public Duration startTimeout;
        public Duration stopGrace;
        public RestartPolicy restartPolicy;
        public int logBufferLines;
        public long logFileMaxBytes;
        public int logFilesKept;
        public VpnPatterns vpn;
        public boolean killSwitch;
        public boolean resumeContainers;
        public boolean isolatedDefault;
        public boolean allowHostNetworkBuilds;
        public boolean allowPrivilegedExec;
        public String engineHost;
        public Set<String> mutedNotifications;
        public boolean hostsSync;
        public UrlScheme urlScheme;

        private Editable(Settings s) {
            portRange = s.portRange;
            excludedPorts = s.excludedPorts;
            proxyPort = s.proxyPort;
            startTimeout = s.startTimeout;
            stopGrace = s.stopGrace;
            restartPolicy = s.restartPolicy;
            logBufferLines = s.logBufferLines;
            logFileMaxBytes = s.logFileMaxBytes;
            logFilesKept = s.logFilesKept;
            vpn = s.vpn;
            killSwitch = s.killSwitch;
            resumeContainers = s.resumeContainers;
            isolatedDefault = s.isolatedDefault;
            allowHostNetworkBuilds = s.allowHostNetworkBuilds;
            allowPrivilegedExec = s.allowPrivilegedExec;
            engineHost = s.engineHost;
            mutedNotifications = s.mutedNotifications;
            hostsSync = s.hostsSync;
            urlScheme = s.urlScheme;
        }
    }

    /**
     * The address users open for a service: the one place that decides its scheme. {@code caTrusted} is the
     * instance's cached verdict (lpm's CA trusted by the system store or a browser's NSS database).
     */
    public String urlOf(ServiceName name, boolean caTrusted) {
        return urlScheme.scheme(caTrusted) + "://" + name + ".localhost:" + proxyPort;
    }
}

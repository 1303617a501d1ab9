package dev.lpm.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lpm.core.PortRange;
import dev.lpm.core.RestartPolicy;
import dev.lpm.core.Settings;
import dev.lpm.core.UrlScheme;
import dev.lpm.core.VpnPatterns;
import java.time.Duration;
import java.util.Set;

/**
 * {@code settings.json} as written by hand: every field may be left out and then keeps its default.
 * Values that are present are validated by the core records, so a bad one makes the file invalid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SettingsDocument(PortRange portRange, Set<Integer> excludedPorts, Integer proxyPort, Duration startTimeout,
                        Duration stopGrace, RestartPolicyDocument restartPolicy, Integer logBufferLines,
                        Long logFileMaxBytes, Integer logFilesKept, VpnPatterns vpn, Boolean killSwitch,
                        Boolean resumeContainers, Boolean isolatedDefault, Boolean allowHostNetworkBuilds,
                        Boolean allowPrivilegedExec, String engineHost, Set<String> mutedNotifications,
                        Boolean hostsSync, String urlScheme) {

    static SettingsDocument of(Settings s) {
        return new SettingsDocument(s.portRange(), s.excludedPorts(), s.proxyPort(), s.startTimeout(), s.stopGrace(),
                RestartPolicyDocument.of(s.restartPolicy()), s.logBufferLines(), s.logFileMaxBytes(), s.logFilesKept(),
                s.vpn(), s.killSwitch(), s.resumeContainers(), s.isolatedDefault(),
                s.allowHostNetworkBuilds(), s.allowPrivilegedExec(), s.engineHost(), s.mutedNotifications(), s.hostsSync(),
                s.urlScheme().word());
    }

    SettingsDocument {
        // Validate the merged result while Jackson builds this, so JsonFile quarantines a bad file.
        merge(portRange, excludedPorts, proxyPort, startTimeout, stopGrace, restartPolicy, logBufferLines,
                logFileMaxBytes, logFilesKept, vpn, killSwitch, resumeContainers, isolatedDefault,
                allowHostNetworkBuilds, allowPrivilegedExec, engineHost, mutedNotifications, hostsSync, urlScheme);
    }

    Settings toSettings() {
        return merge(portRange, excludedPorts, proxyPort, startTimeout, stopGrace, restartPolicy, logBufferLines,
                logFileMaxBytes, logFilesKept, vpn, killSwitch, resumeContainers, isolatedDefault,
                allowHostNetworkBuilds, allowPrivilegedExec, engineHost, mutedNotifications, hostsSync, urlScheme);
    }

    private static Settings merge(PortRange portRange, Set<Integer> excludedPorts, Integer proxyPort,
                                  Duration startTimeout, Duration stopGrace, RestartPolicyDocument restartPolicy,
                                  Integer logBufferLines, Long logFileMaxBytes, Integer logFilesKept,
                                  VpnPatterns vpn, Boolean killSwitch, Boolean resumeContainers,
                                  Boolean isolatedDefault, Boolean allowHostNetworkBuilds,
                                  Boolean allowPrivilegedExec, String engineHost, Set<String> mutedNotifications,
                                  Boolean hostsSync, String urlScheme) {
        Settings d = Settings.DEFAULTS;
        return new Settings(
                or(portRange, d.portRange()),
                or(excludedPorts, d.excludedPorts()),
                or(proxyPort, d.proxyPort()),
                or(startTimeout, d.startTimeout()),
                or(stopGrace, d.stopGrace()),
                restartPolicy == null ? d.restartPolicy() : restartPolicy.toPolicy(d.restartPolicy()),
                or(logBufferLines, d.logBufferLines()),
                or(logFileMaxBytes, d.logFileMaxBytes()),
                or(logFilesKept, d.logFilesKept()),
                or(vpn, d.vpn()),
                or(killSwitch, d.killSwitch()),
                or(resumeContainers, d.resumeContainers()),
                or(isolatedDefault, d.isolatedDefault()),
                or(allowHostNetworkBuilds, d.allowHostNetworkBuilds()),
                or(allowPrivilegedExec, d.allowPrivilegedExec()),
                engineHost,
                or(mutedNotifications, d.mutedNotifications()),
                or(hostsSync, d.hostsSync()),
                urlScheme == null ? d.urlScheme() : UrlScheme.of(urlScheme));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RestartPolicyDocument(Boolean enabled, Duration initialDelay, Duration maxDelay, Integer maxRestarts,
                                 Duration stableAfter) {

        static RestartPolicyDocument of(RestartPolicy p) {
            return new RestartPolicyDocument(p.enabled(), p.initialDelay(), p.maxDelay(), p.maxRestarts(), p.stableAfter());
        }

        RestartPolicy toPolicy(RestartPolicy d) {
            return new RestartPolicy(or(enabled, d.enabled()), or(initialDelay, d.initialDelay()),
                    or(maxDelay, d.maxDelay()), or(maxRestarts, d.maxRestarts()), or(stableAfter, d.stableAfter()));
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

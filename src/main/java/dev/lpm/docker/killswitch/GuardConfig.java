package dev.lpm.docker.killswitch;

import dev.lpm.docker.engine.ContainerInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * How the container guard behaves. The two switches are read at each decision, so a settings change
 * takes effect at the next event (call {@link ContainerGuard#recheck()} to apply it at once).
 *
 * @param stateFile           where the blocked list is kept (e.g. LPM_HOME/blocked-containers.json)
 * @param killSwitchEnabled   whether exposed containers are stopped while a VPN is up
 * @param resumeAutomatically whether blocked containers are started again by themselves when the VPN goes down
 * @param stopTimeout         grace between SIGTERM and SIGKILL when stopping (whole seconds: Docker's unit).
 *                            Short on purpose: the container is reachable until it has stopped.
 * @param reconnectMin        first delay before reconnecting to an unreachable engine
 * @param reconnectMax        longest delay between reconnection attempts
 * @param scope               which containers the guard may stop: all of them in lpm; tests on a shared
 *                            engine narrow it to the containers they made
 */
public record GuardConfig(Path stateFile, BooleanSupplier killSwitchEnabled, BooleanSupplier resumeAutomatically,
                          Duration stopTimeout, Duration reconnectMin, Duration reconnectMax,
                          Predicate<ContainerInfo> scope) {

    public static GuardConfig of(Path stateFile, BooleanSupplier killSwitchEnabled, BooleanSupplier resumeAutomatically) {
        return new GuardConfig(stateFile, killSwitchEnabled, resumeAutomatically, Duration.ofSeconds(1),
                Duration.ofMillis(100), Duration.ofSeconds(5), c -> true);
    }

    public GuardConfig withStopTimeout(Duration timeout) {
        return new GuardConfig(stateFile, killSwitchEnabled, resumeAutomatically, timeout, reconnectMin, reconnectMax, scope);
    }

    public GuardConfig withReconnect(Duration min, Duration max) {
        return new GuardConfig(stateFile, killSwitchEnabled, resumeAutomatically, stopTimeout, min, max, scope);
    }

    public GuardConfig withScope(Predicate<ContainerInfo> only) {
        return new GuardConfig(stateFile, killSwitchEnabled, resumeAutomatically, stopTimeout, reconnectMin,
                reconnectMax, only);
    }
}

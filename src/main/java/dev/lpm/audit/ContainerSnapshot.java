package dev.lpm.audit;

import dev.lpm.docker.engine.PublishedPort;
import java.util.List;
import java.util.Map;

/**
 * What the rules look at: the parts of {@code docker inspect} (and {@code docker top}) that matter for
 * security, as plain values. Rules never see docker-java or JSON, so recorded inspect output and the
 * live engine go through the same rules.
 *
 * @param name           container name without the leading '/'
 * @param image          {@code Config.Image}, the reference it was started from
 * @param user           {@code Config.User} ("" means the image's user, usually root)
 * @param healthcheck    {@code Config.Healthcheck.Test}, or an empty list when there is none
 * @param pidsLimit      {@code HostConfig.PidsLimit}; 0 or less means unlimited
 * @param ports          actual bindings ({@code NetworkSettings.Ports}), or the requested ones when not running
 * @param processes      commands running inside ({@code docker top}), or null when not known
 */
public record ContainerSnapshot(String name, String id, String image, String user, Map<String, String> labels,
                                List<String> healthcheck, boolean privileged, List<String> capAdd,
                                List<String> capDrop, String networkMode, String pidMode, String ipcMode,
                                String utsMode, List<String> securityOpt, List<String> devices, List<Mount> mounts,
                                List<PublishedPort> ports, boolean publishAllPorts, boolean readonlyRootfs,
                                long memory, long pidsLimit, String appArmorProfile, List<String> processes) {

    public ContainerSnapshot {
        name = orEmpty(name);
        id = orEmpty(id);
        image = orEmpty(image);
        user = orEmpty(user);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        healthcheck = copy(healthcheck);
        capAdd = copy(capAdd);
        capDrop = copy(capDrop);
        networkMode = orEmpty(networkMode);
        pidMode = orEmpty(pidMode);
        ipcMode = orEmpty(ipcMode);
        utsMode = orEmpty(utsMode);
        securityOpt = copy(securityOpt);
        devices = copy(devices);
        mounts = copy(mounts);
        ports = copy(ports);
        appArmorProfile = orEmpty(appArmorProfile);
        processes = processes == null ? null : List.copyOf(processes);
    }

    /** A mount ({@code Mounts[]}): bind mounts have a host path as source. */
    public record Mount(String type, String source, String destination, boolean readWrite, String propagation) {
        public Mount {
            type = orEmpty(type);
            source = orEmpty(source);
            destination = orEmpty(destination);
            propagation = orEmpty(propagation);
        }

        public String describe() {
            return source + ":" + destination + (readWrite ? "" : ":ro");
        }
    }

    public ContainerSnapshot withProcesses(List<String> commands) {
        return new ContainerSnapshot(name, id, image, user, labels, healthcheck, privileged, capAdd, capDrop,
                networkMode, pidMode, ipcMode, utsMode, securityOpt, devices, mounts, ports, publishAllPorts,
                readonlyRootfs, memory, pidsLimit, appArmorProfile, commands);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}

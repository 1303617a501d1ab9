package dev.lpm.audit;

import java.util.List;

/**
 * The settings of a container that matter for its security, from {@code Config} and {@code HostConfig} of
 * {@code docker inspect}: what the audit looks at beyond the container model the guard shares.
 *
 * @param user        {@code Config.User} ("" means the image's user, usually root)
 * @param healthcheck {@code Config.Healthcheck.Test}, or an empty list when there is none
 * @param devices     {@code HostConfig.Devices} as {@code HOSTPATH:CONTAINERPATH}
 * @param mounts      {@code Mounts}, what the container really has mounted
 * @param pidsLimit   {@code HostConfig.PidsLimit}; 0 or less means unlimited
 * @param runtime     {@code HostConfig.Runtime}: runc, runsc (gVisor), kata-runtime...; "" when not said
 * @param logDriver   {@code HostConfig.LogConfig.Type}: json-file, local, journald, gelf...; "" when not read
 */
public record SecuritySettings(String user, List<String> healthcheck, boolean privileged, List<String> capAdd,
                               List<String> capDrop, String pidMode, String ipcMode, String utsMode,
                               List<String> securityOpt, List<String> devices, List<Mount> mounts,
                               boolean publishAllPorts, boolean readonlyRootfs, long memory, long pidsLimit,
                               String appArmorProfile, String runtime, String logDriver) {

    public SecuritySettings {
        user = orEmpty(user);
        healthcheck = copy(healthcheck);
        capAdd = copy(capAdd);
        capDrop = copy(capDrop);
        pidMode = orEmpty(pidMode);
        ipcMode = orEmpty(ipcMode);
        utsMode = orEmpty(utsMode);
        securityOpt = copy(securityOpt);
        devices = copy(devices);
        mounts = copy(mounts);
        appArmorProfile = orEmpty(appArmorProfile);
        runtime = orEmpty(runtime);
        logDriver = orEmpty(logDriver);
    }

    /** Without a log driver (settings recorded before lpm read it): no verdict on logging. */
    public SecuritySettings(String user, List<String> healthcheck, boolean privileged, List<String> capAdd,
                            List<String> capDrop, String pidMode, String ipcMode, String utsMode,
                            List<String> securityOpt, List<String> devices, List<Mount> mounts,
                            boolean publishAllPorts, boolean readonlyRootfs, long memory, long pidsLimit,
                            String appArmorProfile, String runtime) {
        this(user, healthcheck, privileged, capAdd, capDrop, pidMode, ipcMode, utsMode, securityOpt, devices, mounts,
                publishAllPorts, readonlyRootfs, memory, pidsLimit, appArmorProfile, runtime, "");
    }

    /** Without a runtime (settings recorded before lpm read it): the engine's default. */
    public SecuritySettings(String user, List<String> healthcheck, boolean privileged, List<String> capAdd,
                            List<String> capDrop, String pidMode, String ipcMode, String utsMode,
                            List<String> securityOpt, List<String> devices, List<Mount> mounts,
                            boolean publishAllPorts, boolean readonlyRootfs, long memory, long pidsLimit,
                            String appArmorProfile) {
        this(user, healthcheck, privileged, capAdd, capDrop, pidMode, ipcMode, utsMode, securityOpt, devices, mounts,
                publishAllPorts, readonlyRootfs, memory, pidsLimit, appArmorProfile, "", "");
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

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}

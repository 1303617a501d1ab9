package dev.lpm.audit;

import dev.lpm.docker.engine.ContainerInfo;
import dev.lpm.docker.engine.PublishedPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds snapshots for rule tests, starting from a hardened container that no rule flags. */
final class Snapshots {

    String name = "web";
    String image = "example/web:1.4";
    String user = "65534:65534";
    Map<String, String> labels = new LinkedHashMap<>();
    List<String> healthcheck = new ArrayList<>(List.of("CMD", "true"));
    boolean privileged;
    List<String> capAdd = new ArrayList<>();
    List<String> capDrop = new ArrayList<>(List.of("ALL"));
    String networkMode = "bridge";
    String pidMode = "";
    String ipcMode = "private";
    String utsMode = "";
    List<String> securityOpt = new ArrayList<>(List.of("no-new-privileges"));
    List<String> devices = new ArrayList<>();
    List<SecuritySettings.Mount> mounts = new ArrayList<>();
    List<PublishedPort> ports = new ArrayList<>(List.of(new PublishedPort("127.0.0.1", "8080", 80, "tcp")));
    boolean publishAll;
    boolean readonly = true;
    long memory = 64L << 20;
    long pids = 100;
    String appArmor = "docker-default";
    List<String> processes = new ArrayList<>(List.of("httpd -f -p 80"));
    /** Processes beside the container's own tree: docker exec sessions, health checks. */
    List<String> execs = new ArrayList<>();
    String runtime = "runc";
    /** Sent off the host by default, so only the logging tests see a local driver. */
    String logDriver = "journald";
    NetworkActivity network;

    static Snapshots hardened() {
        return new Snapshots();
    }

    Snapshots bind(String source, String destination, boolean rw, String propagation) {
        mounts.add(new SecuritySettings.Mount("bind", source, destination, rw, propagation));
        return this;
    }

    Snapshots port(String hostIp, String hostPort) {
        ports.add(new PublishedPort(hostIp, hostPort, 80, "tcp"));
        return this;
    }

    ContainerSnapshot build() {
        return new ContainerSnapshot(
                new ContainerInfo("0123456789ab", name, image, true, networkMode, ports, labels, null, null),
                new SecuritySettings(user, healthcheck, privileged, capAdd, capDrop, pidMode, ipcMode, utsMode,
                        securityOpt, devices, mounts, publishAll, readonly, memory, pids, appArmor, runtime,
                        logDriver),
                processes(), network);
    }

    /** The init is pid 100; every listed process is its child, every exec a root of its own. */
    private List<ContainerProcess> processes() {
        if (processes == null) {
            return null;
        }
        List<ContainerProcess> result = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            result.add(new ContainerProcess(100 + i, i == 0 ? 1 : 100, processes.get(i), true));
        }
        for (int i = 0; i < execs.size(); i++) {
            result.add(new ContainerProcess(500 + i, 1, execs.get(i), false));
        }
        return result;
    }
}

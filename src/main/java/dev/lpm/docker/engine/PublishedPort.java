package dev.lpm.docker.engine;


import dev.lpm.core.LoopbackAddress;
/**
 * One port a container publishes on the host: the kill switch's and the audit's one model of it.
 *
 * @param hostIp        the host address it is bound to; empty means every address (Docker's default)
 * @param hostPort      the host port, or "" when the engine picks one
 * @param containerPort the port inside the container
 * @param protocol      tcp, udp or sctp
 */
public record PublishedPort(String hostIp, String hostPort, int containerPort, String protocol) {

    public PublishedPort {
        hostIp = hostIp == null ? "" : hostIp;
        hostPort = hostPort == null ? "" : hostPort;
        protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
    }

    /**
     * From the Engine API's port map ({@code NetworkSettings.Ports} / {@code HostConfig.PortBindings}),
     * whose keys read {@code 80/tcp}. A key that is not a port number gives container port 0.
     */
    public static PublishedPort fromPortMap(String key, String hostIp, String hostPort) {
        int slash = key.indexOf('/');
        int port;
        try {
            port = Integer.parseInt(slash < 0 ? key : key.substring(0, slash));
        } catch (NumberFormatException e) {
            port = 0;
        }
        return new PublishedPort(hostIp, hostPort, port, slash < 0 ? "tcp" : key.substring(slash + 1));
    }

    /** Bound to every address: empty, 0.0.0.0 or :: (the last two are what Docker reports for -p 8080:80). */
    public boolean onAllInterfaces() {
        return hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::") || hostIp.equals("[::]");
    }

    /** Bound to this machine only: 127.0.0.0/8 or ::1, in any form. */
    public boolean onLoopback() {
        return LoopbackAddress.isLoopback(hostIp);
    }

    /** As the audit's findings name it: {@code *:(any)->80/tcp} for every address and an engine-picked port. */
    public String describe() {
        String ip = hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
        return (ip.isEmpty() ? "*" : ip) + ":" + (hostPort.isEmpty() ? "(any)" : hostPort) + "->" + containerPort
                + "/" + protocol;
    }

    /** Like {@code docker ps}: {@code 0.0.0.0:8080->80/tcp}, {@code [::1]:8080->80/tcp}. */
    @Override
    public String toString() {
        String ip = hostIp.isEmpty() ? "0.0.0.0" : hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
        return ip + ":" + hostPort + "->" + containerPort + "/" + protocol;
    }
}

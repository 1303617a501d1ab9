package dev.lpm.docker.engine;

/**
 * One port a container publishes on the host.
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

    /** Like {@code docker ps}: {@code 0.0.0.0:8080->80/tcp}, {@code [::1]:8080->80/tcp}. */
    @Override
    public String toString() {
        String ip = hostIp.isEmpty() ? "0.0.0.0" : hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
        return ip + ":" + hostPort + "->" + containerPort + "/" + protocol;
    }
}

package dev.lpm.docker.engine;

import dev.lpm.docker.command.ContainerLabels;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * lpm's internal Docker network for isolated services: {@code docker network create --internal}, so a
 * container on it has no route out and nothing it "publishes" is mapped to the host; the host still
 * reaches it at its address on the network's bridge, which is how lpm's forwarder gets in.
 */
public final class IsolatedNetwork {

    private static final Map<String, String> LABELS = Map.of(ContainerLabels.MANAGED, "true");

    private final DockerGateway gateway;
    private final String name;

    public IsolatedNetwork(DockerGateway gateway, String name) {
        this.gateway = gateway;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * Makes sure the network exists and is internal. Idempotent; safe from many threads (one JVM:
     * the monitor) and many lpm instances (the engine refuses a second network of the same name).
     *
     * @throws IllegalStateException when a network of that name exists but is not internal: a container
     *                               on it could reach out and be reached, so lpm will not use it
     */
    public synchronized void ensure() {
        if (!gateway.ensureInternalNetwork(name, LABELS)) {
            throw new IllegalStateException("the Docker network " + name + " exists but is not internal (someone "
                    + "created it without --internal), so containers on it are not isolated; remove it with "
                    + "`docker network rm " + name + "` and lpm creates it again, internal");
        }
    }

    /** Where the host reaches {@code container}'s {@code port} on this network; empty until it has an address. */
    public Optional<InetSocketAddress> address(String container, int port) {
        return gateway.containerAddress(container, name).map(ip -> new InetSocketAddress(ip, port));
    }
}

package dev.lpm.docker.killswitch;

import dev.lpm.core.LoopbackAddress;
import dev.lpm.docker.engine.ContainerInfo;
import dev.lpm.docker.engine.PublishedPort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The exposure rule, pure: whether a container can be reached from the network. It is exposed when it
 * publishes a port on anything but loopback (no host address, 0.0.0.0, ::, a LAN address), runs with
 * host networking, or shares the network namespace of a container that is exposed. Loopback-only
 * bindings (127.0.0.0/8, ::1) are not exposed. What cannot be understood counts as exposed: the kill
 * switch fails closed.
 */
public final class ContainerExposure {

    /** Deep enough for any real chain of {@code container:} modes; deeper is a loop. */
    private static final int MAX_CHAIN = 10;

    private ContainerExposure() {}

    /**
     * Why {@code container} is exposed, or empty when it is not.
     *
     * @param lookup finds another container by id or name (for {@code --network container:X}); empty
     *               when there is no such container
     */
    public static Optional<String> reason(ContainerInfo container, Function<String, Optional<ContainerInfo>> lookup) {
        return reason(container, lookup, new HashSet<>());
    }

    private static Optional<String> reason(ContainerInfo container, Function<String, Optional<ContainerInfo>> lookup,
                                           Set<String> seen) {
        if (!seen.add(container.id()) || seen.size() > MAX_CHAIN) {
            return Optional.of("its network mode forms a loop of container: references");
        }
        if (container.networkMode().equals("host")) {
            return Optional.of("runs with host networking: every port it opens is on every address of this machine");
        }
        String owner = container.networkOwner();
        if (owner != null) {
            // A missing owner means the container cannot run anyway; nothing is reachable through it.
            return lookup.apply(owner).flatMap(o -> reason(o, lookup, seen)
                    .map(why -> "shares the network of " + o.name() + ", which " + why));
        }
        List<String> exposed = new ArrayList<>();
        for (PublishedPort port : container.ports()) {
            if (!LoopbackAddress.isLoopback(port.hostIp())) {
                exposed.add(port.toString());
            }
        }
        if (!exposed.isEmpty()) {
            return Optional.of("publishes " + String.join(", ", exposed));
        }
        return Optional.empty();
    }
}

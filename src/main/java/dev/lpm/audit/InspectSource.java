package dev.lpm.audit;

import java.util.List;
import java.util.Optional;

/** Where container snapshots come from: the live engine, or recorded inspect output in tests. */
public interface InspectSource {

    /** Every running container. */
    List<ContainerSnapshot> running();

    /** One container by name or id, running or not; empty when there is none. */
    Optional<ContainerSnapshot> container(String nameOrId);
}

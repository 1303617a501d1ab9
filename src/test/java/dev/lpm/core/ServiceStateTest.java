package dev.lpm.core;

import static dev.lpm.core.ServiceState.BLOCKED;
import static dev.lpm.core.ServiceState.CRASHED;
import static dev.lpm.core.ServiceState.RUNNING;
import static dev.lpm.core.ServiceState.STARTING;
import static dev.lpm.core.ServiceState.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every transition, allowed or not, in one table. */
class ServiceStateTest {

    @Test
    void transitions() {
        assertAllowed(STOPPED, EnumSet.allOf(ServiceState.class));
        assertAllowed(STARTING, EnumSet.of(STARTING, RUNNING, CRASHED, STOPPED));
        assertAllowed(RUNNING, EnumSet.of(RUNNING, CRASHED, STOPPED));
        assertAllowed(CRASHED, EnumSet.of(CRASHED, STARTING, STOPPED, BLOCKED));
        assertAllowed(BLOCKED, EnumSet.of(BLOCKED, STARTING, STOPPED, CRASHED));
    }

    private static void assertAllowed(ServiceState from, Set<ServiceState> allowed) {
        for (ServiceState to : ServiceState.values()) {
            assertThat(from.canBecome(to)).as("%s -> %s", from, to).isEqualTo(allowed.contains(to));
        }
    }
}

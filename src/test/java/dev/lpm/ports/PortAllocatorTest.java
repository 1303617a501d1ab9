package dev.lpm.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.lpm.core.PortRange;
import dev.lpm.core.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs against real sockets on loopback, in a window of ports found free when each test starts. */
class PortAllocatorTest {

    private final LoopbackPortProbe probe = new LoopbackPortProbe();

    @Test
    void skipsExcludedPorts() {
        int first = freeWindow(3);
        int excluded = first + 1;
        PortAllocator allocator = new PortAllocator(new PortRange(first, first + 2), Set.of(excluded), probe);

        assertThat(allocator.allocate()).isEqualTo(first);
        assertThat(allocator.allocate()).isEqualTo(first + 2);
        assertThat(allocator.isReserved(excluded)).isFalse();
    }

    @Test
    void peekNamesTheNextPortWithoutReservingIt() {
        int first = freeWindow(3);
        PortAllocator allocator = new PortAllocator(new PortRange(first, first + 1), Set.of(), probe);

        assertThat(allocator.peek()).hasValue(first);
        assertThat(allocator.peek()).as("nothing was reserved").hasValue(first);
        assertThat(allocator.allocate()).isEqualTo(first);
        assertThat(allocator.peek()).hasValue(first + 1);
        allocator.allocate();
        assertThat(allocator.peek()).as("range full").isEmpty();
    }

    @Test
    void skipsPortBoundOnIpv4Loopback() throws IOException {
        int first = freeWindow(2);
        try (ServerSocket _ = bind("127.0.0.1", first)) {
            PortAllocator allocator = new PortAllocator(new PortRange(first, first + 1), Set.of(), probe);
            assertThat(allocator.allocate()).isEqualTo(first + 1);
        }
    }

    @Test
    void skipsPortBoundOnlyOnIpv6Loopback() throws IOException {
        assumeIpv6Loopback();
        int first = freeWindow(2);
        try (ServerSocket _ = bind("::1", first)) {
            assertThat(probe.isFree(first)).as("bound on ::1 only").isFalse();
            PortAllocator allocator = new PortAllocator(new PortRange(first, first + 1), Set.of(), probe);
            assertThat(allocator.allocate()).isEqualTo(first + 1);
        }
    }

    @Test
    void reserveRefusesPortInUseByAnotherProgram() throws IOException {
        int port = freeWindow(1);
        PortAllocator allocator = new PortAllocator(PortRange.DEFAULT, Set.of(), probe);
        try (ServerSocket _ = bind("127.0.0.1", port)) {
            assertThatThrownBy(() -> allocator.reserve(port))
                    .isInstanceOf(PortUnavailableException.class)
                    .hasMessageStartingWith("port " + port + " is in use by pid " + ProcessHandle.current().pid() + " (")
                    .hasMessageEndingWith(" (on 127.0.0.1 or ::1); stop it, or choose another port");
        }
        assertThat(allocator.isReserved(port)).isFalse();
    }

    @Test
    void reserveRefusesPortAssignedToAnotherService() {
        int port = freeWindow(1);
        PortAllocator allocator = new PortAllocator(PortRange.DEFAULT, Set.of(), probe);
        allocator.reserve(port);

        assertThat(allocator.isReserved(port)).isTrue();
        assertThatThrownBy(() -> allocator.reserve(port))
                .isInstanceOf(PortUnavailableException.class)
                .hasMessage("port " + port + " is already assigned to another service");
    }

    @Test
    void reserveRefusesExcludedPorts() {
        PortAllocator allocator = new PortAllocator(PortRange.DEFAULT, Set.of(4045, 4190, 4500), probe);

        assertThatThrownBy(() -> allocator.reserve(4045))
                .isInstanceOf(PortUnavailableException.class)
                .hasMessage("port 4045 is refused by browsers (unsafe port); choose another");
        assertThatThrownBy(() -> allocator.reserve(4500))
                .isInstanceOf(PortUnavailableException.class)
                .hasMessage("port 4500 is excluded in settings.json (excludedPorts); choose another");
        assertThatThrownBy(() -> allocator.reserve(0))
                .isInstanceOf(PortUnavailableException.class)
                .hasMessage("port 0 is outside 1-65535");
    }

    @Test
    void reserveExistingDoesNotProbe() throws IOException {
        int port = freeWindow(1);
        PortAllocator allocator = new PortAllocator(PortRange.DEFAULT, Set.of(), probe);
        try (ServerSocket _ = bind("127.0.0.1", port)) { // the service is running and holds its port
            allocator.reserveExisting(port);
        }
        assertThat(allocator.isReserved(port)).isTrue();
        allocator.release(port);
        assertThat(allocator.isReserved(port)).isFalse();
    }

    @Test
    void exhaustionSaysWhereThePortsWent() throws IOException {
        int first = freeWindow(4);
        PortAllocator allocator = new PortAllocator(new PortRange(first, first + 3), Set.of(first), probe);
        try (ServerSocket _ = bind("127.0.0.1", first + 1)) {
            assertThat(allocator.allocate()).isEqualTo(first + 2);
            assertThat(allocator.allocate()).isEqualTo(first + 3);

            assertThatThrownBy(allocator::allocate)
                    .isInstanceOf(PortUnavailableException.class)
                    .hasMessage("no free port left in " + first + "-" + (first + 3)
                            + ": 2 are assigned to services, 1 is in use by another program, 1 is excluded;"
                            + " widen portRange in settings.json");
        }
    }

    @Test
    void handsOutPortsRoundRobinSoAReleasedPortIsNotReusedAtOnce() {
        int first = freeWindow(3);
        PortAllocator allocator = new PortAllocator(new PortRange(first, first + 2), Set.of(), probe);

        int a = allocator.allocate();
        allocator.release(a);
        int b = allocator.allocate();
        int c = allocator.allocate();
        allocator.release(b);
        int d = allocator.allocate();

        assertThat(List.of(a, b, c, d)).containsExactly(first, first + 1, first + 2, first);
    }

    @Test
    void concurrentAllocationsAreAllDistinct() throws Exception {
        int threads = 64;
        int perThread = 8;
        int first = freeWindow(threads * perThread + 64);
        PortAllocator allocator = new PortAllocator(new PortRange(first, first + threads * perThread + 63),
                Settings.BROWSER_UNSAFE_PORTS, probe);
        ConcurrentLinkedQueue<Integer> handedOut = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        handedOut.add(allocator.allocate());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(handedOut).hasSize(threads * perThread).doesNotHaveDuplicates()
                .allMatch(allocator::isReserved);
    }

    /** The first of {@code size} consecutive ports that are all free now, starting somewhere random. */
    private int freeWindow(int size) {
        int start = 20_000 + ThreadLocalRandom.current().nextInt(8_000);
        int candidate = start;
        for (int port = start; port < 32_000; port++) {
            if (!probe.isFree(port)) {
                candidate = port + 1;
            } else if (port - candidate + 1 == size) {
                return candidate;
            }
        }
        return fail("no window of " + size + " free loopback ports between " + start + " and 32000");
    }

    private static ServerSocket bind(String address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port), 1);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void assumeIpv6Loopback() {
        if (LoopbackPortProbe.hasIpv6Loopback()) {
            return;
        }
        String reason = "this machine has no IPv6 loopback (::1), so a port bound only there cannot be tested";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason + " (CI=true: CI machines must have ::1)");
        }
        Assumptions.abort(reason);
    }
}

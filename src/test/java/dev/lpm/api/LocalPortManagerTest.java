package dev.lpm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.VpnStatus;
import dev.lpm.policy.SecurityBlockedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalPortManagerTest {

    private static final VpnStatus VPN = new VpnStatus(true, List.of("wg0"), List.of(), "wg0", List.of("wg0 up"), List.of());
    private final AtomicReference<VpnStatus> vpn = new AtomicReference<>(VpnStatus.UNKNOWN);
    private final List<String> registered = new ArrayList<>();
    private final LocalPortManager lpm = new LocalPortManager(vpn::get, () -> true, (name, command, flags) -> {
        registered.add(name + " " + command);
        return "http://" + name + ".localhost:1355";
    });

    @Test
    void registersTheRewrittenCommandAndReturnsTheUrl() {
        assertThat(lpm.registerService("app", "docker run -p {port}:80 nginx")).isEqualTo("http://app.localhost:1355");
        assertThat(registered).containsExactly("app docker run --label dev.lpm.service=app -p 127.0.0.1:{port}:80 nginx");
    }

    @Test
    void throwsSecurityBlockedWhileAVpnIsUpAndRegistersNothing() {
        vpn.set(VPN);
        assertThatThrownBy(() -> lpm.registerService("app", "docker run -p {port}:80 nginx"))
                .isInstanceOfSatisfying(SecurityBlockedException.class, e -> {
                    assertThat(e.serviceName()).isEqualTo("app");
                    assertThat(e.kind()).isEqualTo(SecurityBlockedException.Kind.BLOCKED);
                    assertThat(e.getMessage()).startsWith("SECURITY BLOCK: Service 'app' — Docker containers");
                });
        assertThat(registered).isEmpty();
        // The fallback the design note shows: a native service still runs.
        assertThat(lpm.registerService("app", "python3 -m http.server {port}")).isEqualTo("http://app.localhost:1355");
        // And the bypass still binds to loopback.
        lpm.registerService("b", "docker run -p {port}:80 nginx", new ServiceFlags(true, false, false));
        assertThat(registered).containsExactly("app python3 -m http.server {port}", "b docker run --label dev.lpm.kill-switch=bypass --label dev.lpm.service=b -p 127.0.0.1:{port}:80 nginx");
    }

    @Test
    void refusedCommandsThrowWithTheReason() {
        assertThatThrownBy(() -> lpm.registerService("h", "docker run --net=host nginx"))
                .isInstanceOfSatisfying(SecurityBlockedException.class,
                        e -> assertThat(e.kind()).isEqualTo(SecurityBlockedException.Kind.REFUSED))
                .hasMessageContaining("--network host shares the host's network stack");
        assertThat(registered).isEmpty();
    }
}

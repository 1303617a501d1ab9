package dev.lpm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.config.LpmHome;
import dev.lpm.docker.engine.EngineClientFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One instance, one Docker engine client: the kill switch, the audit and the Docker services share the
 * client the wiring opens. (LayeringTest makes sure nothing opens one around the factory.)
 */
class EngineClientCountTest {

    @TempDir
    Path dir;

    @Test
    void anInstanceOpensOneEngineClient() throws Exception {
        // No kill switch and no VPN patterns: this instance must never stop containers on a shared engine.
        Files.writeString(dir.resolve("settings.json"), """
                {"killSwitch": false, "vpn": {"interfaceNames": [], "nameSubstrings": [], "descriptions": [],
                 "ambiguousInterfaces": [], "processes": []}}
                """);
        AtomicInteger opened = new AtomicInteger();
        EngineClientFactory counting = engineHost -> {
            opened.incrementAndGet();
            return EngineClientFactory.CONFIGURED.open(engineHost);
        };
        try (Lpm lpm = Lpm.start(new LpmHome(dir), Clock.systemUTC(), freePort(), counting)) {
            assertThat(lpm).isNotNull();
            assertThat(opened).hasValue(1);
        }
        assertThat(opened).hasValue(1);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}

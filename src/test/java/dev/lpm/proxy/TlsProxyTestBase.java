package dev.lpm.proxy;

import dev.lpm.core.ServiceState;
import dev.lpm.testsupport.Requirements;
import dev.lpm.tls.CaStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy serving https:// with its own CA, and a service {@code app} behind it. BoringSSL here; each
 * test class has a {@code ...JdkEngineTest} that runs it again on the JDK's engine.
 */
abstract class TlsProxyTestBase {

    @TempDir
    Path dir;

    ProxyHarness harness;
    TestBackend api;
    CaStore ca;

    TlsEngine engine() {
        return TlsEngine.BORINGSSL;
    }

    /** The proxy's settings for this class; the engine is set after. */
    ProxyConfig configure(ProxyConfig config) {
        return config;
    }

    /** Commands the class's tests run, each as {name, the Debian package that has it}. */
    abstract String[][] commands();

    @BeforeEach
    void start() throws Exception {
        for (String[] command : commands()) {
            Requirements.requireCommand(command[0], command[1]);
        }
        ca = CaStore.open(dir.resolve("home"));
        harness = new ProxyHarness(dir, c -> configure(c).withTlsEngine(engine()), ca);
        api = new TestBackend();
        harness.route("app", api.port(), ServiceState.RUNNING);
    }

    @AfterEach
    void stop() {
        harness.close();
        api.close();
    }
}

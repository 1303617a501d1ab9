package dev.lpm.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link NetworkNamespace} for each test, closed after it (also when it fails):
 *
 * <pre>{@code
 * @RegisterExtension
 * final NetworkNamespaceExtension attacker = NetworkNamespaceExtension.withVethToHost("attacker");
 *
 * @Test
 * void ...() { attacker.get().canConnect(attacker.get().hostAddress(), port, Duration.ofSeconds(2)); }
 * }</pre>
 *
 * Register it on an instance field so each test gets its own namespace. A machine without root or
 * {@code ip} skips the test (fails it under CI) before the test body runs.
 */
public final class NetworkNamespaceExtension implements BeforeEachCallback, AfterEachCallback {

    private final String purpose;
    private final boolean veth;
    private NetworkNamespace namespace;

    private NetworkNamespaceExtension(String purpose, boolean veth) {
        this.purpose = purpose;
        this.veth = veth;
    }

    /** A namespace with only {@code lo}. */
    public static NetworkNamespaceExtension isolated(String purpose) {
        return new NetworkNamespaceExtension(purpose, false);
    }

    /** A namespace connected to the host by a veth pair ({@link NetworkNamespace#withVethToHost()}). */
    public static NetworkNamespaceExtension withVethToHost(String purpose) {
        return new NetworkNamespaceExtension(purpose, true);
    }

    public NetworkNamespace get() {
        if (namespace == null) {
            throw new IllegalStateException("the namespace exists only while a test runs");
        }
        return namespace;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        NetworkNamespace created = NetworkNamespace.create(purpose);
        try {
            namespace = veth ? created.withVethToHost() : created;
        } catch (RuntimeException e) {
            try {
                created.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (namespace != null) {
            try {
                namespace.close();
            } finally {
                namespace = null;
            }
        }
    }
}

package dev.lpm.proxy;

/** {@link ProxyTlsTest} on the JDK's TLS engine, the one used where BoringSSL does not load. */
class ProxyTlsJdkEngineTest extends ProxyTlsTest {

    @Override
    TlsEngine engine() {
        return TlsEngine.JDK;
    }
}

package dev.lpm.proxy;

/** {@link ProxyTlsHardeningTest} on the JDK's TLS engine, the one used where BoringSSL does not load. */
class ProxyTlsHardeningJdkEngineTest extends ProxyTlsHardeningTest {

    @Override
    TlsEngine engine() {
        return TlsEngine.JDK;
    }
}

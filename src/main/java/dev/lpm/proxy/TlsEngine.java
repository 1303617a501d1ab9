package dev.lpm.proxy;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * Which TLS implementation serves https:// on the proxy's port: BoringSSL through netty-tcnative where its
 * native library loads (measured at a median 1.25x the JDK's HTTP/2 requests per second and 2.1x its new
 * TLS connections per second, see docs/ARCHITECTURE.md), the JDK's own engine elsewhere. Both take the same
 * key manager and SNI matcher, so they serve the same certificates and refuse the same names.
 */
public enum TlsEngine {
    BORINGSSL(SslProvider.OPENSSL),
    JDK(SslProvider.JDK);

    private final SslProvider provider;

    TlsEngine(SslProvider provider) {
        this.provider = provider;
    }

    SslProvider provider() {
        return provider;
    }

    /** BoringSSL when its native library loads on this machine, else the JDK. */
    public static TlsEngine preferred() {
        return OpenSsl.isAvailable() ? BORINGSSL : JDK;
    }
}

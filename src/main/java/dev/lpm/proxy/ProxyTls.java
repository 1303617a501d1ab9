package dev.lpm.proxy;

import dev.lpm.tls.LocalTls;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The proxy's TLS: the JDK's TLS 1.3/1.2 engine through Netty, ALPN offering h2 then http/1.1, the
 * certificate chosen per SNI name by the local CA's key manager, and any name lpm does not serve refused
 * with an {@code unrecognized_name} alert. The JDK's engine rather than netty-tcnative: see
 * docs/ARCHITECTURE.md ("TLS on the proxy's port").
 */
final class ProxyTls {

    private final SslContext context;
    private final LocalTls local;
    private final long handshakeTimeoutMillis;

    private ProxyTls(SslContext context, LocalTls local, Duration handshakeTimeout) {
        this.context = context;
        this.local = local;
        this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
    }

    static ProxyTls of(LocalTls local, Duration handshakeTimeout) {
        try {
            SslContext context = SslContextBuilder.forServer(local.keyManager())
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    // RFC 9113 9.2.2: h2 only over AEAD suites with forward secrecy.
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
            return new ProxyTls(context, local, handshakeTimeout);
        } catch (SSLException e) {
            throw new IllegalStateException("the proxy's TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    /** A handler for one connection whose first bytes were a TLS record. */
    SslHandler newHandler(ByteBufAllocator alloc) {
        SslHandler handler = context.newHandler(alloc);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setSNIMatchers(List.of(local.serverNameMatcher()));
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }
}

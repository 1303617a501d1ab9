package dev.lpm.proxy;

import io.netty.handler.codec.http.HttpVersion;

/** How a client connection speaks to the proxy: what the access log shows and X-Forwarded-Proto says. */
enum ClientProtocol {
    /** Plain HTTP/1.x (the version comes from the request). */
    HTTP,
    /** HTTP/1.x inside TLS. */
    HTTP_TLS,
    /** One HTTP/2 stream, always inside TLS (ALPN h2; no cleartext h2c). */
    H2;

    private static final String HTTP_1_1_TLS = "HTTP/1.1+TLS";

    boolean tls() {
        return this != HTTP;
    }

    /** {@code HTTP/1.1}, {@code HTTP/1.1+TLS}, {@code HTTP/2+TLS}. */
    String label(HttpVersion requestVersion) {
        return switch (this) {
            case HTTP -> requestVersion.text();
            case HTTP_TLS -> requestVersion == HttpVersion.HTTP_1_1 ? HTTP_1_1_TLS : requestVersion.text() + "+TLS";
            case H2 -> "HTTP/2+TLS";
        };
    }
}

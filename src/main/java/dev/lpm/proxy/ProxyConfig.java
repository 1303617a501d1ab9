package dev.lpm.proxy;

import java.time.Duration;

/**
 * The proxy's knobs. The defaults suit a developer's machine: generous for real dev traffic, tight
 * enough that a misbehaving client cannot pin the daemon.
 *
 * @param port                 where it listens, on 127.0.0.1 and ::1
 * @param maxConnections       client connections beyond this are closed at once
 * @param maxRequestLineLength longer request lines get 414
 * @param maxHeaderSize        larger request heads get 431
 * @param headerTimeout        a request head must arrive within this of its first byte (slowloris)
 * @param idleTimeout          a client connection with no request in flight is closed after this
 * @param upstreamIdleTimeout  a pooled connection to a service is closed after this unused
 * @param startingWait         how long a request waits for a service that is still starting
 * @param connectTimeout       how long connecting to a service may take
 * @param maxHops              a request that passed the proxy this often is a loop: 508
 * @param eventLoops           threads serving connections: half the cores (the services behind the proxy
 *                             run on the same machine), but at least two where there are two cores. The
 *                             scheduler shares the CPU per thread, so with the client and the service
 *                             busy on 2 cores a single loop got less than its share: 2 loops measured
 *                             0.91x nginx's throughput instead of 0.85x, p99 1.15x instead of 2.3x (wrk,
 *                             50 connections, 10 interleaved rounds)
 * @param tlsEngine            the TLS implementation for https:// ({@link TlsEngine#preferred()})
 */
public record ProxyConfig(int port, int maxConnections, int maxRequestLineLength, int maxHeaderSize,
                          Duration headerTimeout, Duration idleTimeout, Duration upstreamIdleTimeout,
                          Duration startingWait, Duration connectTimeout, int maxHops, int eventLoops,
                          TlsEngine tlsEngine) {

    public static ProxyConfig defaults(int port) {
        return new ProxyConfig(port, 20_000, 8 * 1024, 32 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(120),
                Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(2), 5,
                defaultEventLoops(Runtime.getRuntime().availableProcessors()), TlsEngine.preferred());
    }

    static int defaultEventLoops(int cores) {
        return Math.min(cores, Math.max(2, cores / 2));
    }

    public ProxyConfig withPort(int newPort) {
        return new ProxyConfig(newPort, maxConnections, maxRequestLineLength, maxHeaderSize, headerTimeout, idleTimeout,
                upstreamIdleTimeout, startingWait, connectTimeout, maxHops, eventLoops, tlsEngine);
    }

    public ProxyConfig withTimeouts(Duration header, Duration idle) {
        return new ProxyConfig(port, maxConnections, maxRequestLineLength, maxHeaderSize, header, idle,
                upstreamIdleTimeout, startingWait, connectTimeout, maxHops, eventLoops, tlsEngine);
    }

    public ProxyConfig withMaxConnections(int max) {
        return new ProxyConfig(port, max, maxRequestLineLength, maxHeaderSize, headerTimeout, idleTimeout,
                upstreamIdleTimeout, startingWait, connectTimeout, maxHops, eventLoops, tlsEngine);
    }

    public ProxyConfig withTlsEngine(TlsEngine engine) {
        return new ProxyConfig(port, maxConnections, maxRequestLineLength, maxHeaderSize, headerTimeout, idleTimeout,
                upstreamIdleTimeout, startingWait, connectTimeout, maxHops, eventLoops, engine);
    }
}

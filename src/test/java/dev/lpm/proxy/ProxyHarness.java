package dev.lpm.proxy;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.events.EventBus;
import dev.lpm.storage.RotatingLogFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real LoopbackProxy on a free port, with routes the test sets, and clients to talk to it. */
final class ProxyHarness implements AutoCloseable {

    static {
        // The JDK client refuses to set Host unless told; the proxy routes by it.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    final EventBus events = new EventBus();
    final List<LpmEvent.ProxyRequest> logged = new CopyOnWriteArrayList<>();
    final RouteTable routes = new RouteTable();
    final AtomicBoolean vpn = new AtomicBoolean();
    final AccessLog accessLog;
    final LoopbackProxy proxy;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ProxyHarness(Path logDir) {
        this(logDir, c -> c);
    }

    ProxyHarness(Path logDir, java.util.function.UnaryOperator<ProxyConfig> tune) {
        this(logDir, tune, null);
    }

    /** With {@code ca}, the proxy serves https:// on its port too. */
    ProxyHarness(Path logDir, java.util.function.UnaryOperator<ProxyConfig> tune, dev.lpm.tls.CaStore ca) {
        events.subscribe(e -> {
            if (e instanceof LpmEvent.ProxyRequest r) {
                logged.add(r);
            }
        });
        accessLog = new AccessLog(new RotatingLogFile(logDir.resolve("access.log"), 1 << 20, 2), events);
        proxy = LoopbackProxy.start(tune.apply(ProxyConfig.defaults(freePort())), routes, accessLog, vpn::get,
                port -> "another program", ca);
    }

    int port() {
        return proxy.port();
    }

    void route(String name, int port, ServiceState state) {
        route(name, port, state, false);
    }

    void route(String name, int port, ServiceState state, boolean subdomains) {
        ServiceSpec spec = new ServiceSpec(ServiceName.of(name), "test", port, new ServiceFlags(false, false, subdomains),
                null, Map.of(), Instant.now(), false);
        routes.put(new Service(spec, new ServiceStatus(state, "test says " + state, Instant.now(), null, null, 0)));
    }

    HttpResponse<String> get(String host, String path) throws IOException, InterruptedException {
        return get(host, path, Map.of());
    }

    HttpResponse<String> get(String host, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("Host", host).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends raw bytes on a new connection and returns everything the proxy answers until it closes. */
    String raw(String request, Duration timeout) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    /** What the proxy sent back on one connection, and whether it closed the connection itself. */
    record Answer(String text, boolean closed) {
        int firstStatus() {
            return text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
        }
    }

    /** Sends raw bytes on a new connection and reads until the proxy closes it or {@code timeout} passes. */
    Answer exchange(String request, Duration timeout) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readUntilClosed(socket.getInputStream());
        }
    }

    static Answer readUntilClosed(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            return new Answer(text.toString(), true);
        } catch (java.net.SocketTimeoutException e) {
            return new Answer(text.toString(), false);
        } catch (java.net.SocketException reset) {
            return new Answer(text.toString(), true);
        }
    }

    static String readAll(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
            // the proxy kept the connection open (keep-alive) or reset it: what arrived is the answer
        }
        return text.toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.shutdownNow(); // never wait for a response a failed test left open
        proxy.close();
        accessLog.close();
    }
}

package dev.lpm.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP service on loopback (the JDK's server) that records what reached it. */
final class TestBackend implements AutoCloseable {

    final HttpServer server;
    final List<HttpExchangeRecord> seen = new CopyOnWriteArrayList<>();

    record HttpExchangeRecord(String method, String path, com.sun.net.httpserver.Headers headers, int remotePort) {}

    TestBackend(String bindAddress) throws IOException {
        this(bindAddress, 0);
    }

    TestBackend(String bindAddress, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        handle("/", exchange -> reply(exchange, 200, "hello from " + exchange.getRequestURI().getPath()));
        server.start();
    }

    TestBackend() throws IOException {
        this("127.0.0.1");
    }

    int port() {
        return server.getAddress().getPort();
    }

    void handle(String path, HttpHandler handler) {
        try {
            server.removeContext(path);
        } catch (IllegalArgumentException notThere) {
            // first handler for this path
        }
        server.createContext(path, exchange -> {
            seen.add(new HttpExchangeRecord(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), exchange.getRemoteAddress().getPort()));
            handler.handle(exchange);
        });
    }

    static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

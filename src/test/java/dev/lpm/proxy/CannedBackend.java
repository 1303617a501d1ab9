package dev.lpm.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A service on loopback that answers every request head with bytes the test wrote out in full: for
 * checking what the proxy does with exact response bytes (header spelling, HEAD framing) that a real
 * server library would normalise. Requests must have no body; connections are kept open (or closed
 * after a set number of answers).
 */
final class CannedBackend implements AutoCloseable {

    private final ServerSocket server;
    private final Function<String, String> responseForRequestLine;
    /** How many requests a connection answers; at the next one it closes without an answer. */
    private final int answersPerConnection;
    final List<String> requestLines = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();

    CannedBackend(Function<String, String> responseForRequestLine) throws IOException {
        this(responseForRequestLine, Integer.MAX_VALUE);
    }

    /**
     * A service whose connections close after {@code answersPerConnection} answers, just as the next
     * request arrives: what a keep-alive timeout running out at that moment looks like to the proxy.
     */
    CannedBackend(Function<String, String> responseForRequestLine, int answersPerConnection) throws IOException {
        this.responseForRequestLine = responseForRequestLine;
        this.answersPerConnection = answersPerConnection;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("canned-backend").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            String head;
            int answered = 0;
            while ((head = readHead(in)) != null) {
                String requestLine = head.substring(0, head.indexOf("\r\n"));
                requestLines.add(requestLine);
                if (answered++ == answersPerConnection) {
                    return; // closed with the request unanswered
                }
                out.write(responseForRequestLine.apply(requestLine).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException ignored) {
            // the proxy closed the connection
        }
    }

    /** Bytes up to and including the blank line that ends a request head, or null at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

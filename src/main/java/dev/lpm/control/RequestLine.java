package dev.lpm.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the one request line of a control connection, up to and including its newline. Reading the
 * newline matters: a Unix socket closed with unread bytes resets the peer's connection.
 */
final class RequestLine {

    /** Far above any real request; stops a runaway client from filling the daemon's memory. */
    static final int MAX_BYTES = 1 << 20;

    private RequestLine() {}

    static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() == MAX_BYTES) {
                throw new IOException("request longer than " + MAX_BYTES + " bytes");
            }
            line.write(b);
        }
        if (line.size() == 0) {
            throw new IOException("empty request");
        }
        return line.toByteArray();
    }
}

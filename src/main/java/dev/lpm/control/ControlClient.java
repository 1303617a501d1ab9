package dev.lpm.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Talks to the running instance over its Unix domain control socket. */
public final class ControlClient {

    private static final ObjectMapper MAPPER = Json.mapper();

    private final Path socket;

    public ControlClient(Path socket) {
        this.socket = socket;
    }

    /** Sends a request and returns the data of its single reply. */
    public JsonNode call(ControlRequest request) {
        JsonNode[] result = new JsonNode[1];
        stream(request, data -> result[0] = data);
        return result[0];
    }

    /** Sends a request and hands the data of every reply to {@code onReply} until the server hangs up. */
    public void stream(ControlRequest request, Consumer<JsonNode> onReply) {
        try (SocketChannel channel = connect()) {
            // The whole line in one write: the server replies (and may hang up) as soon as it has it.
            byte[] line = (MAPPER.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
            OutputStream out = Channels.newOutputStream(channel);
            out.write(line);
            out.flush();
            InputStream in = Channels.newInputStream(channel);
            try (MappingIterator<ControlReply> replies = MAPPER.readerFor(ControlReply.class).readValues(in)) {
                while (replies.hasNextValue()) {
                    ControlReply reply = replies.nextValue();
                    if (!reply.ok()) {
                        throw new ControlException(reply.error());
                    }
                    onReply.accept(reply.data());
                }
            }
        } catch (IOException e) {
            throw new ControlException("lost the connection to the lpm instance (" + e.getMessage() + ")");
        }
    }

    /** Whether an instance answers right now. */
    public boolean isAvailable() {
        try (SocketChannel ignored = connect()) {
            return true;
        } catch (DaemonUnavailableException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private SocketChannel connect() {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new DaemonUnavailableException("no lpm instance answers on " + socket, e);
        }
    }
}

package dev.lpm.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket on its own, with a handler that echoes what it received. */
class ControlSocketTest {

    @TempDir
    Path dir;

    private final ControlHandler echo = (request, replies, peer) -> {
        if (request instanceof ControlRequest.Logs logs) {
            for (int i = 0; i < logs.lines(); i++) {
                replies.send(ControlReply.success(JsonNodeFactory.instance.textNode("line " + i)));
            }
            return;
        }
        if (request instanceof ControlRequest.Stop stop) {
            replies.send(ControlReply.failure("no service named '" + stop.name() + "'"));
            return;
        }
        replies.send(ControlReply.success(JsonNodeFactory.instance.textNode(request.getClass().getSimpleName())));
    };

    @Test
    void requestsAndRepliesRoundTripOverAnOwnerOnlySocket() throws Exception {
        Path socket = dir.resolve("lpm.sock");
        try (ControlServer server = ControlServer.start(socket, echo)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            ControlClient client = new ControlClient(socket);
            assertThat(client.isAvailable()).isTrue();
            assertThat(client.call(new ControlRequest.Status()).asText()).isEqualTo("Status");

            List<String> streamed = new ArrayList<>();
            client.stream(new ControlRequest.Logs("api", 3, false), data -> streamed.add(data.asText()));
            assertThat(streamed).containsExactly("line 0", "line 1", "line 2");

            assertThatThrownBy(() -> client.call(new ControlRequest.Stop("x")))
                    .isInstanceOf(ControlException.class).hasMessage("no service named 'x'");
        }
        assertThat(socket).doesNotExist();
        assertThat(new ControlClient(socket).isAvailable()).isFalse();
    }

    @Test
    void malformedRequestsGetAnErrorAndTheServerKeepsServing() throws Exception {
        Path socket = dir.resolve("lpm.sock");
        try (ControlServer server = ControlServer.start(socket, echo)) {
            for (String garbage : List.of("not json\n", "{\"op\":\"launch-missiles\"}\n", "{}\n", "\n")) {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    OutputStream out = Channels.newOutputStream(channel);
                    out.write(garbage.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    channel.shutdownOutput();
                    String reply = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(reply).as("reply to %s", garbage.strip()).contains("\"ok\":false")
                            .contains("malformed control request");
                }
            }
            assertThat(new ControlClient(socket).call(new ControlRequest.ListServices()).asText())
                    .isEqualTo("ListServices");
        }
    }

    @Test
    void aStaleSocketFileFromADeadInstanceIsReplaced() throws Exception {
        Path socket = dir.resolve("lpm.sock");
        Files.writeString(socket, "stale");
        try (ControlServer server = ControlServer.start(socket, echo)) {
            assertThat(new ControlClient(socket).isAvailable()).isTrue();
        }
    }
}

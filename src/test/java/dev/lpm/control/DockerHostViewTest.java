package dev.lpm.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerHostViewTest {

    @Test
    void namesTheGuardSocketOnlyWhenItAnswers(@TempDir Path home) throws Exception {
        Path socket = home.resolve("docker.sock");
        assertThatThrownBy(() -> DockerHostView.of(home)).hasMessageContaining("not serving its Docker API guard");

        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThat(DockerHostView.of(home)).isEqualTo(new DockerHostView("unix://" + socket, socket.toString()));
        }
        // A file left behind by a dead instance does not count.
        assertThat(Files.exists(socket)).isTrue();
        assertThatThrownBy(() -> DockerHostView.of(home)).hasMessageContaining("not serving");
    }
}

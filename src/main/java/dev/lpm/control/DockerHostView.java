package dev.lpm.control;

import dev.lpm.docker.apiguard.DockerApiGuard;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** The reply to {@code docker-host}: where this instance's Docker API guard listens, if it does. */
public record DockerHostView(String dockerHost, String socket) {

    /** The guard's address in {@code home}; refuses when nothing accepts connections there. */
    static DockerHostView of(Path home) {
        Path socket = home.resolve(DockerApiGuard.SOCKET_NAME);
        // A file alone could be left by a crashed instance: only a socket that answers counts.
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new IllegalStateException("this lpm instance is not serving its Docker API guard at " + socket
                    + " (see logs/daemon.log for why)");
        }
        return new DockerHostView("unix://" + socket, socket.toString());
    }
}

package dev.lpm.enforce.helper;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is on the other end of a connection, as the kernel says (SO_PEERCRED at connect time): the user,
 * and the group the process ran as. Names as the system's user database resolves them, or the number when
 * it has no name for it.
 */
record Caller(String user, String group) {

    static Caller of(SocketChannel channel) throws IOException {
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return new Caller(peer.user().getName(), peer.group().getName());
    }

    @Override
    public String toString() {
        return "user " + user + " (group " + group + ")";
    }
}

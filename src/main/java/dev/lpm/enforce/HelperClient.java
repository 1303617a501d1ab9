package dev.lpm.enforce;

import dev.lpm.enforce.FirewallUnavailableException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The instance's side of {@code lpm helper}: each call is one connection, one request line, one reply
 * line, so a helper restart between calls is harmless. Whatever keeps the helper from doing the work is a
 * {@link FirewallUnavailableException} that says why and what fixes it.
 */
public final class HelperClient implements Firewall {

    public static final Path DEFAULT_SOCKET = Path.of("/run/lpm/helper.sock");
    /** Applying a rule set runs a few dozen iptables commands; on a loaded machine that takes seconds. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Replies are short; a long one is a helper bug, not something to buffer without end. */
    static final int MAX_REPLY_BYTES = 256 * 1024;

    private final Path socket;
    private final Duration timeout;

    public HelperClient() {
        this(DEFAULT_SOCKET);
    }

    public HelperClient(Path socket) {
        this(socket, DEFAULT_TIMEOUT);
    }

    public HelperClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    public Path socket() {
        return socket;
    }

    @Override
    public List<AppliedRuleSet> applied() {
        return call(new HelperRequest.Status()).applied();
    }

    @Override
    public void apply(RuleSet set, PortRange ports) {
        call(new HelperRequest.Apply(new AppliedRuleSet(set, ports)));
    }

    @Override
    public void release(RuleSet set) {
        call(new HelperRequest.Release(set));
    }

    @Override
    public List<String> releaseAll() {
        return call(new HelperRequest.ReleaseAll()).removed();
    }

    /** Sends one request and returns the helper's successful reply; anything else throws. */
    public HelperReply call(HelperRequest request) {
        if (!Files.exists(socket)) {
            throw absent("there is no lpm helper socket at " + socket, null);
        }
        String line;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (ConnectException e) {
                throw absent("nothing listens on the lpm helper socket " + socket, e);
            }
            try (LineChannel lines = new LineChannel(channel, MAX_REPLY_BYTES)) {
                lines.writeLine(request.toJson(), timeout);
                line = lines.readLine(timeout);
            }
        } catch (IOException e) {
            throw new FirewallUnavailableException(Kind.FAILED, "talking to the lpm helper at " + socket + " failed: "
                    + e.getMessage(), FirewallUnavailableException.HELPER_LOG, e);
        }
        if (line == null) {
            throw new FirewallUnavailableException(Kind.FAILED, "the lpm helper at " + socket
                    + " closed the connection without an answer", FirewallUnavailableException.HELPER_LOG);
        }
        HelperReply reply;
        try {
            reply = HelperReply.parse(line);
        } catch (BadRequestException e) {
            throw new FirewallUnavailableException(Kind.FAILED, e.getMessage(), FirewallUnavailableException.HELPER_LOG);
        }
        if (reply.ok()) {
            return reply;
        }
        throw switch (reply.errorKind()) {
            case REFUSED -> new FirewallUnavailableException(Kind.REFUSED, "the lpm helper refused: " + reply.message(),
                    FirewallUnavailableException.JOIN_DOCKER_GROUP + ", then log in again");
            case BAD_REQUEST -> new FirewallUnavailableException(Kind.FAILED, "the lpm helper did not understand "
                    + request.toJson() + ": " + reply.message() + " (is the helper from another lpm version?)",
                    "sudo systemctl restart lpm-helper.service");
            case FAILED -> new FirewallUnavailableException(Kind.FAILED, "the lpm helper failed: " + reply.message(),
                    FirewallUnavailableException.HELPER_LOG);
        };
    }

    private FirewallUnavailableException absent(String message, Throwable cause) {
        return new FirewallUnavailableException(Kind.ABSENT, message + " (the root helper that changes the firewall"
                + " is not running)", FirewallUnavailableException.START_HELPER, cause);
    }
}

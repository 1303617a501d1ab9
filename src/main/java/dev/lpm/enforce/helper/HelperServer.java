package dev.lpm.enforce.helper;

import dev.lpm.enforce.BadRequestException;
import dev.lpm.enforce.HelperReply;
import dev.lpm.enforce.HelperReply.ErrorKind;
import dev.lpm.enforce.HelperRequest;
import dev.lpm.enforce.LineChannel;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The helper's socket. Anyone may connect (mode 0666 in a 0755 directory of root's): who may do anything is
 * decided per connection, from the peer's credentials, by the {@link PolicyFile}, before the connection gets
 * a thread. A refused caller is answered at once, on {@link #MAX_REFUSALS} slots of its own, so strangers
 * opening connections cannot keep allowed callers out. An allowed caller gets a platform thread (its requests
 * wait on iptables processes), at most {@link #MAX_CONNECTIONS} at once, and sends lines of at most
 * {@link #MAX_LINE_BYTES} bytes, each answered by one line. A line that is too long, or no line for
 * {@link #READ_TIMEOUT}, ends the connection; nothing a client sends ends the server.
 */
final class HelperServer implements AutoCloseable {

    static final int MAX_CONNECTIONS = 16;
    /** Refused callers being answered at once; more are closed unanswered. */
    static final int MAX_REFUSALS = 4;
    static final int MAX_LINE_BYTES = 16 * 1024;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** How long, and how much, a client that sent too long a line may go on sending before the connection closes. */
    static final Duration LINGER = Duration.ofSeconds(2);
    static final long LINGER_BYTES = 8L << 20;
    static final Duration REFUSAL_LINGER = Duration.ofSeconds(1);

    private static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-rw-rw-");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path socket;
    private final ServerSocketChannel server;
    private final RequestHandler handler;
    private final PolicyFile policy;
    private final GroupDatabase groups;
    private final HelperLog log;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Semaphore refusalSlots = new Semaphore(MAX_REFUSALS);
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);

    private HelperServer(Path socket, ServerSocketChannel server, RequestHandler handler, PolicyFile policy,
                         GroupDatabase groups, HelperLog log) {
        this.socket = socket;
        this.server = server;
        this.handler = handler;
        this.policy = policy;
        this.groups = groups;
        this.log = log;
    }

    static HelperServer start(Path socket, RequestHandler handler, PolicyFile policy, GroupDatabase groups,
                              HelperLog log) throws IOException {
        prepareDirectory(socket.getParent());
        removeStaleSocket(socket);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, SOCKET_MODE);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        HelperServer helper = new HelperServer(socket, channel, handler, policy, groups, log);
        Thread.ofPlatform().name("lpm-helper-accept").start(helper::acceptLoop);
        return helper;
    }

    /** The socket's directory: made 0755 when missing; an existing one must be root's and writable by root alone. */
    private static void prepareDirectory(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Integer.valueOf(0).equals(owner)
                || mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("the socket's directory " + dir + " must be a directory of root's that only root can"
                    + " write (it is " + PosixFilePermissions.toString(mode) + ", uid " + owner
                    + "), or someone could put their own socket there: chown root:root " + dir + " && chmod 755 " + dir);
        }
    }

    /** A socket file nobody answers on is a dead helper's; one that answers is another helper's. */
    private static void removeStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IOException("another lpm helper is serving on " + socket + "; stop it first");
        } catch (java.net.SocketException e) {
            Files.delete(socket);
        }
    }

    Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Out of file descriptors, say: wait a little rather than spin and flood the journal.
                log.alarm("accepting a connection failed: " + e.getMessage());
                pause();
                continue;
            }
            Caller caller;
            try {
                caller = Caller.of(client);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            // Judged before it gets a thread: strangers have slots of their own, so they cannot take the allowed ones.
            if (policy.current().decide(caller, groups) instanceof CallerPolicy.Decision.Refused refused) {
                if (refusalSlots.tryAcquire()) {
                    startThread(() -> refuse(client, caller, refused.reason()), refusalSlots);
                } else {
                    closeQuietly(client);
                }
            } else if (slots.tryAcquire()) {
                startThread(() -> serve(client, caller), slots);
            } else {
                refuseBusy(client);
            }
        }
    }

    private void startThread(Runnable work, Semaphore slot) {
        Thread.ofPlatform().daemon().name("lpm-helper-connection-" + connectionIds.incrementAndGet()).start(() -> {
            try {
                work.run();
            } finally {
                slot.release();
            }
        });
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refuseBusy(SocketChannel client) {
        try (LineChannel lines = new LineChannel(client, MAX_LINE_BYTES)) {
            lines.writeLine(HelperReply.error(ErrorKind.FAILED, "the helper is serving " + MAX_CONNECTIONS
                    + " connections already; try again").toJson(), Duration.ofMillis(200));
        } catch (IOException e) {
            // the client went away: nothing to tell it
        }
    }

    /** Answers a caller the policy refuses, at once, and reads what it sends for a moment so it gets the answer. */
    private void refuse(SocketChannel client, Caller caller, String reason) {
        log.alarm("refused " + caller + ": " + reason);
        try (LineChannel lines = new LineChannel(client, MAX_LINE_BYTES)) {
            reply(lines, HelperReply.error(ErrorKind.REFUSED, reason));
            lines.finish(REFUSAL_LINGER, MAX_LINE_BYTES);
        } catch (IOException e) {
            // the caller went away
        }
    }

    private void serve(SocketChannel client, Caller caller) {
        try (LineChannel lines = new LineChannel(client, MAX_LINE_BYTES)) {
            while (true) {
                String line;
                try {
                    line = lines.readLine(READ_TIMEOUT);
                } catch (LineChannel.LineTooLongException e) {
                    log.info(caller + " sent a request longer than " + MAX_LINE_BYTES + " bytes; connection closed");
                    reply(lines, HelperReply.error(ErrorKind.BAD_REQUEST, e.getMessage() + "; connection closed"));
                    lines.finish(LINGER, LINGER_BYTES);
                    return;
                } catch (CharacterCodingException e) {
                    reply(lines, HelperReply.error(ErrorKind.BAD_REQUEST, "a request must be UTF-8 text"));
                    continue;
                }
                if (line == null) {
                    return;
                }
                reply(lines, answer(line, caller));
            }
        } catch (java.net.SocketTimeoutException e) {
            // idle client: its connection ends, the helper goes on
        } catch (IOException e) {
            // the client went away
        } catch (RuntimeException e) {
            log.alarm("a connection failed: " + e);
        }
    }

    private HelperReply answer(String line, Caller caller) {
        HelperRequest request;
        try {
            request = HelperRequest.parse(line);
        } catch (BadRequestException e) {
            return HelperReply.error(ErrorKind.BAD_REQUEST, e.getMessage());
        }
        return handler.handle(request, caller);
    }

    private static void reply(LineChannel lines, HelperReply reply) throws IOException {
        lines.writeLine(reply.toJson(), WRITE_TIMEOUT);
    }

    /** Stops accepting and removes the socket file; the rules stay as they are. */
    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.alarm("closing " + socket + " failed: " + e.getMessage());
        } finally {
            closed.countDown();
        }
    }

    void awaitClosed() throws InterruptedException {
        closed.await();
    }
}

package dev.lpm.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A VPN stand-in in the host's own network namespace, for tests whose subject (dockerd, published
 * ports) lives there: a tun device held open by a process (as a VPN client holds it), with an address
 * and a split-tunnel route to TEST-NET-2 (198.51.100.0/24, never a real destination) only, so the
 * host's real traffic is untouched. {@link #close()} removes the device and its route.
 */
public final class HostTun implements AutoCloseable {

    /**
     * A python3 program that opens /dev/net/tun for the device named in argv[1] (TUNSETIFF, IFF_TUN |
     * IFF_NO_PI), prints "attached" and holds it until stdin closes: what a VPN client does, and what
     * gives a tun its carrier.
     */
    public static final String HOLDER = """
            import fcntl, os, struct, sys
            fd = os.open("/dev/net/tun", os.O_RDWR)
            fcntl.ioctl(fd, 0x400454ca, struct.pack("16sH", sys.argv[1].encode(), 0x0001 | 0x1000))
            print("attached", flush=True)
            sys.stdin.read()
            """;

    private final String device;
    private final Process holder;
    private final List<String> prefix;

    private HostTun(String device, Process holder, List<String> prefix) {
        this.device = device;
        this.holder = holder;
        this.prefix = prefix;
    }

    /** Creates {@code device} (e.g. "tun97": a name the detector matches) with {@code cidr} on it, up. */
    public static HostTun up(String device, String cidr) throws IOException {
        return up(List.of(), device, cidr);
    }

    /** The same behind {@code prefix}: in another network namespace ({@link NetworkNamespace#enter()}). */
    public static HostTun up(List<String> prefix, String device, String cidr) throws IOException {
        Requirements.requireTunDevices();
        run(prefix, "ip", "tuntap", "add", "dev", device, "mode", "tun");
        Process holder = null;
        try {
            List<String> hold = new java.util.ArrayList<>(prefix);
            hold.addAll(List.of("python3", "-c", HOLDER, device));
            holder = new ProcessBuilder(hold).redirectErrorStream(true).start();
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (!"attached".equals(line)) {
                throw new IOException("could not hold " + device + " open: " + line);
            }
            run(prefix, "ip", "addr", "add", cidr, "dev", device);
            run(prefix, "ip", "link", "set", device, "up");
            run(prefix, "ip", "route", "add", "198.51.100.0/24", "dev", device);
            return new HostTun(device, holder, prefix);
        } catch (IOException | RuntimeException e) {
            if (holder != null) {
                holder.destroyForcibly();
            }
            runQuietly(prefix, "ip", "link", "del", device);
            throw e;
        }
    }

    public String device() {
        return device;
    }

    /** The VPN client goes away: the device loses its carrier and is deleted (with its route). */
    @Override
    public void close() {
        try {
            holder.getOutputStream().close();
            holder.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the holder is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holder.destroyForcibly();
            runQuietly(prefix, "ip", "link", "del", device);
        }
    }

    private static void run(List<String> prefix, String... command) throws IOException {
        List<String> full = new java.util.ArrayList<>(prefix);
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void runQuietly(List<String> prefix, String... command) {
        try {
            run(prefix, command);
        } catch (IOException e) {
            // already gone
        }
    }
}

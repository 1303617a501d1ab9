package dev.lpm.vpn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own ({@code lpmtest-XXXXXXXX}); the host's interfaces, routes and
 * firewall are never touched. {@link #close()} removes it with everything in it, also when a test fails.
 */
final class TestNamespace implements AutoCloseable {

    final String name = "lpmtest-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> owned = new ArrayList<>();

    /** Creates the namespace with loopback up and an "uplink" carrying the default route (no VPN yet). */
    static TestNamespace withUplink() throws IOException {
        TestNamespace ns = new TestNamespace();
        run("ip", "netns", "add", ns.name);
        try {
            ns.ip("link", "set", "lo", "up");
            // A veth pair whose both ends stay inside: the kernel can route to it, and no packet can leave.
            ns.ip("link", "add", "lpmtest-up0", "type", "veth", "peer", "name", "lpmtest-up1");
            ns.ip("addr", "add", "10.200.0.2/24", "dev", "lpmtest-up0");
            ns.ip("link", "set", "lpmtest-up0", "up");
            ns.ip("link", "set", "lpmtest-up1", "up");
            ns.ip("route", "add", "default", "via", "10.200.0.1", "dev", "lpmtest-up0");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** {@code ip -n NAME ARGS}; throws with ip's message when it fails. */
    void ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    /** {@code ip netns exec NAME COMMAND}: the command runs inside the namespace. */
    List<String> exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return full;
    }

    /** A persistent tun ({@code ip tuntap add}) with a process holding it open, as a VPN client does. */
    TunHolder tun(String device) throws IOException {
        ip("tuntap", "add", "mode", "tun", "name", device);
        TunHolder holder = TunHolder.attach(this, device);
        owned.add(holder);
        return holder;
    }

    <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // keep going: the namespace must go whatever else failed
            }
        }
        try {
            run("ip", "netns", "del", name);
        } catch (IOException e) {
            throw new IllegalStateException("could not remove network namespace " + name, e);
        }
    }

    static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = String.join("\n", r.lines().toList());
        }
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }
}

package dev.lpm.vpn;

import dev.lpm.testsupport.HostTun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A process inside the namespace that holds a tun device open (TUNSETIFF, IFF_TUN | IFF_NO_PI), as every
 * VPN client does. Only then has the tun carrier (LOWER_UP), which is what "up" means for a tunnel; a
 * tun from {@code ip tuntap add} alone stays NO-CARRIER. Closing it drops the carrier.
 */
final class TunHolder implements AutoCloseable {

    private final Process process;

    private TunHolder(Process process) {
        this.process = process;
    }

    static TunHolder attach(TestNamespace ns, String device) throws IOException {
        Process p = new ProcessBuilder(ns.exec("python3", "-c", HostTun.HOLDER, device)).redirectErrorStream(true).start();
        TunHolder holder = new TunHolder(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine(); // the script prints one line, or python's error and exits
        if (!"attached".equals(line)) {
            holder.close();
            throw new IOException("could not attach to tun " + device + ": " + line);
        }
        return holder;
    }

    /** Stops holding the device (stdin closes, the script exits); the tun loses its carrier. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

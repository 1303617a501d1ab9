package dev.lpm.vpn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Linux detail view: every routing table, from {@code ip route show table all} (IPv4 and IPv6),
 * read with the same parser as the recorded outputs. On demand only, never per tick: it starts a process.
 */
public final class LinuxRouteTables {

    private LinuxRouteTables() {}

    /** Empty when not on Linux or when {@code ip} is missing or fails. */
    public static List<RouteEntry> read() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return List.of();
        }
        try {
            List<RouteEntry> all = new java.util.ArrayList<>(run("-4"));
            all.addAll(run("-6"));
            return List.copyOf(all);
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static List<RouteEntry> run(String family) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", family, "route", "show", "table", "all")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            return List.of();
        }
        return IpRouteParser.parse(out, RouteEntry.MAIN);
    }
}

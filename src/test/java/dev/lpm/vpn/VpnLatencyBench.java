package dev.lpm.vpn;

import dev.lpm.core.VpnStatus;
import dev.lpm.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Detection latency and idle cost of the real detector, in a namespace of its own (see bench/README.md).
 * Brings a held tun up and down N times and measures, from the wall-clock time just before
 * {@code ip link set tun0 up} (or before the client lets go of the tun) to the {@code at} of the
 * VpnChanged event the detector published. Then measures the detector JVM's CPU while nothing changes.
 * Arguments: runs (50), idle seconds (10), interface interval ms (250, the default).
 */
public final class VpnLatencyBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Duration interval = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2])
                : VpnDetector.DEFAULT_INTERFACE_INTERVAL.toMillis());
        if (!Requirements.isRoot() || Requirements.which("ip") == null || Requirements.which("python3") == null
                || !java.nio.file.Files.exists(java.nio.file.Path.of("/dev/net/tun"))) {
            System.err.println("cannot run: needs root, ip (iproute2), python3 and /dev/net/tun");
            System.exit(2);
        }
        try (TestNamespace ns = TestNamespace.withUplink()) {
            DetectorChild detector = DetectorChild.start(ns, interval);
            List<Double> up = new ArrayList<>();
            List<Double> down = new ArrayList<>();
            Duration bound = Duration.ofSeconds(10);
            for (int i = 0; i < runs; i++) {
                TunHolder client = ns.tun("tun0");
                ns.ip("addr", "add", "10.8.0.2/24", "dev", "tun0");
                int seen = detector.events().size();
                Instant t0 = Instant.now();
                ns.ip("link", "set", "tun0", "up");
                up.add(millis(t0, detector.awaitEvent(seen, bound, VpnStatus::active).at()));

                seen = detector.events().size();
                t0 = Instant.now();
                client.close();
                down.add(millis(t0, detector.awaitEvent(seen, bound, s -> !s.active()).at()));
                ns.ip("tuntap", "del", "mode", "tun", "name", "tun0");
                detector.awaitEvent(detector.events().size() - 1, bound, s -> s.hints().isEmpty());
            }
            System.out.printf(Locale.ROOT, "VPN detection latency, %d runs, interface interval %d ms%n", runs,
                    interval.toMillis());
            report("interface up -> active event  ", up);
            report("client gone  -> inactive event", down);

            Thread.sleep(2000); // let the last JIT and GC work settle before measuring idle
            long ticksPerSecond = Long.parseLong(TestNamespace.run("getconf", "CLK_TCK").strip());
            long before = cpuTicks(detector.pid());
            long start = System.nanoTime();
            Thread.sleep(idleSeconds * 1000L);
            long after = cpuTicks(detector.pid());
            double seconds = (System.nanoTime() - start) / 1e9;
            double percent = 100.0 * (after - before) / ticksPerSecond / seconds;
            System.out.printf(Locale.ROOT, "idle CPU of the detector JVM over %.1f s: %.2f %% of one core"
                    + " (%d ticks of 1/%d s; includes the JVM's own housekeeping)%n", seconds, percent,
                    after - before, ticksPerSecond);
        }
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static void report(String what, List<Double> samples) {
        List<Double> sorted = samples.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "  %s  p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms%n", what,
                percentile(sorted, 50), percentile(sorted, 95), sorted.getLast());
    }

    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()) - 1; // nearest-rank
        return sorted.get(Math.max(0, rank));
    }

    /** utime + stime of all the process's threads, from /proc/PID/stat (fields 14 and 15). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}

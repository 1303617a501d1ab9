package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.HostTun;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A working day in miniature (5 minutes in CI; {@code bench/soak.sh --minutes 60} runs it longer): an
 * instance as a normal user in the docker group with 12 services (six that print a line a second and
 * answer HTTP, three quiet until called, one holding a WebSocket, one that crash-loops, one Docker
 * container) and two aliases;
 * proxy traffic to all of them the whole time; the instance asked something over its control socket
 * every half second and through the real CLI every few seconds; random services stopped, started and
 * restarted; a VPN (tun) coming up and going down, with a container started by hand while it is up.
 *
 * <p>Asserted: every control request answered within 2 s; no proxy request fails except to the
 * crash-looping service or one being stopped; the WebSocket echoes every message; the daemon's threads
 * and open files do not grow and its memory stays bounded; the exposed container is stopped; SIGTERM
 * stops everything: no process of the user, no listening service port, no container.
 */
class SoakIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LENGTH = Duration.ofSeconds(Long.getLong("lpm.soak.seconds", 300));
    private static final Duration CONTROL_LIMIT = Duration.ofSeconds(2);
    private static final String IMAGE = "lpm/busybox:test";
    private static final List<String> TICKERS = List.of("lpmtest-s1", "lpmtest-s2", "lpmtest-s3", "lpmtest-s4",
            "lpmtest-s5", "lpmtest-s6", "lpmtest-s7", "lpmtest-s8", "lpmtest-s9");

    private final Map<String, List<Long>> disrupted = new ConcurrentHashMap<>(); // name -> [from, to] nanos, pairs
    private final List<String> unexpectedFailures = new CopyOnWriteArrayList<>();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong failedAllowed = new AtomicLong();
    private final List<Long> cliMillis = new CopyOnWriteArrayList<>();
    private final List<String> cliFailures = new CopyOnWriteArrayList<>();
    private final AtomicLong wsEchoes = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);

    @Test
    void aWorkingDayInMiniature() throws Exception {
        Requirements.requireDockerEngine();
        Requirements.requireTunDevices();
        KillSwitchIT.ensureTestImage();
        List<Process> aliasServers = new ArrayList<>();
        try (UserInstance lpm = UserInstance.create("lpmtest-soak")) {
            LpmCli cli = lpm.cli();
            // The VPN stand-ins are named lpmtest-soak*, and the detector is told that name and only it.
            java.nio.file.Files.writeString(lpm.home().resolve("settings.json"), "{\"vpn\": {\"interfaceNames\": [], "
                    + "\"nameSubstrings\": [\"lpmtest-soak\"]}}");
            lpm.user().own(lpm.home().resolve("settings.json"));
            lpm.startDaemon(Map.of());
            for (String name : TICKERS) {
                // Most print a line a second; the last three are quiet until called (the README's example).
                register(cli, lpm, name, TICKERS.indexOf(name) < 6
                        ? "python3 " + lpm.script("ticker.py") + " {port} " + name
                        : "python3 -m http.server {port} --bind 127.0.0.1");
            }
            register(cli, lpm, "lpmtest-ws", "python3 " + lpm.script("ticker.py") + " {port} lpmtest-ws");
            register(cli, lpm, "lpmtest-dock", "--no-kill-switch",
                    "docker run --rm --name lpmtest-soak-dock-{port} -p {port}:80 " + IMAGE + " httpd -f -p 80 -h /www");
            // Registered first, then started: a registration whose first start fails is undone (issue 18), a
            // registered service that crashes stays and crash-loops, which is what this soak watches.
            var crashyRegistered = cli.run(Duration.ofSeconds(60), "register", "--no-start", "--cwd",
                    lpm.work().toString(), "lpmtest-crashy", "echo crashing; sleep 1; exit 3");
            assertThat(crashyRegistered.exit()).as(crashyRegistered.toString()).isZero();
            var crashy = cli.run(Duration.ofSeconds(60), "start", "lpmtest-crashy");
            assertThat(crashy.exit()).as(crashy.toString()).isEqualTo(1); // it never listens: reported as crashed
            for (String alias : List.of("lpmtest-al1", "lpmtest-al2")) {
                int port = LpmCli.freePort();
                aliasServers.add(new ProcessBuilder("python3", "-m", "http.server", Integer.toString(port), "--bind",
                        "127.0.0.1").directory(lpm.work().toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                await().atMost(Duration.ofSeconds(20)).until(() -> accepts(port));
                assertThat(cli.run("alias", alias, Integer.toString(port)).exit()).isZero();
            }
            List<String> all = new ArrayList<>(TICKERS);
            all.addAll(List.of("lpmtest-ws", "lpmtest-dock", "lpmtest-al1", "lpmtest-al2", "lpmtest-crashy"));
            Map<String, Integer> ports = ports(cli);

            Path probeOut = Files.createTempFile("lpmtest-soak-probe", ".txt");
            List<Thread> workers = new ArrayList<>();
            Thread.sleep(5_000); // let the first crash-loop restarts and the container settle before sampling
            UserInstance.ProcessMetrics before = lpm.metrics();
            long started = System.nanoTime();
            Process probe = lpm.probe(LENGTH, Duration.ofMillis(500), "[\"/v1/services\",\"/v1/status\",\"/v1/security\","
                    + "\"/v1/services/lpmtest-s1/logs?lines=50\"]",
                    probeOut);
            try {
                for (int i = 0; i < 3; i++) {
                    workers.add(Thread.ofPlatform().name("lpmtest-soak-traffic-" + i).start(() -> traffic(cli, all)));
                }
                workers.add(Thread.ofPlatform().name("lpmtest-soak-ws").start(() -> webSocket(cli)));
                workers.add(Thread.ofPlatform().name("lpmtest-soak-cli").start(() -> cliCalls(cli)));
                workers.add(Thread.ofPlatform().name("lpmtest-soak-chaos").start(() -> chaos(cli)));

                // The VPN comes up for a third of the run, twice; a container started by hand meanwhile is stopped.
                Duration third = LENGTH.dividedBy(6);
                int round = 0;
                while (System.nanoTime() - started < LENGTH.toNanos() - third.multipliedBy(2).toNanos()) {
                    Thread.sleep(third);
                    vpnRound(cli, ++round, third);
                }
                while (System.nanoTime() - started < LENGTH.toNanos()) {
                    Thread.sleep(1_000);
                }
            } finally {
                running.set(false);
                for (Thread worker : workers) {
                    worker.join(Duration.ofSeconds(60));
                }
                probe.waitFor(60, TimeUnit.SECONDS);
                probe.destroyForcibly();
            }
            UserInstance.ProcessMetrics after = lpm.metrics();

            List<Double> control = new ArrayList<>();
            List<String> controlFailures = new ArrayList<>();
            for (String line : Files.readAllLines(probeOut)) {
                String[] parts = line.split(" ");
                control.add(Double.parseDouble(parts[1]));
                if (!parts[2].equals("ok") || Double.parseDouble(parts[1]) > CONTROL_LIMIT.toMillis()) {
                    controlFailures.add(line);
                }
            }
            Files.deleteIfExists(probeOut);
            JsonNode crashed = service(cli, "lpmtest-crashy");

            // A clean stop leaves nothing behind.
            Duration stopTook = lpm.stopDaemon(Duration.ofSeconds(40));
            await().atMost(Duration.ofSeconds(10)).until(() -> lpm.user().processes().isEmpty());
            List<Integer> stillListening = ports.entrySet().stream()
                    .filter(e -> !e.getKey().startsWith("lpmtest-al"))
                    .map(Map.Entry::getValue).filter(SoakIT::accepts).toList();
            String containers = docker("ps", "-a", "--filter", "name=lpmtest-soak", "--format", "{{.Names}}").strip();

            String report = report(control, before, after, stopTook);
            System.out.println(report);
            Files.writeString(Path.of(System.getProperty("lpm.soak.report", "target/soak-report.txt")), report);

            assertThat(controlFailures).as("control requests that failed or took over %s\n%s", CONTROL_LIMIT, lpm.log())
                    .isEmpty();
            assertThat(control).hasSizeGreaterThan((int) LENGTH.toSeconds()); // two a second, minus the slow ones
            assertThat(cliFailures).as("CLI calls that failed").isEmpty();
            assertThat(unexpectedFailures).as("proxy requests that failed outside a stop or the crash loop").isEmpty();
            assertThat(served.get()).isGreaterThan(LENGTH.toSeconds() * 20);
            assertThat(wsEchoes.get()).as("WebSocket echoes").isGreaterThan(LENGTH.toSeconds() / 2);
            assertThat(after.threads()).as("daemon threads, start %s", before).isLessThanOrEqualTo(before.threads() + 20);
            assertThat(after.openFiles()).as("daemon open files, start %s", before)
                    .isLessThanOrEqualTo(before.openFiles() + 20);
            assertThat(after.rssKib()).as("daemon memory").isLessThan(1024 * 1024);
            assertThat(crashed.get("state").asText()).isEqualTo("crashed");
            assertThat(crashed.get("reason").asText()).contains("last output: crashing").endsWith("gave up after 5 restarts");
            assertThat(stillListening).as("service ports still listening after the stop").isEmpty();
            assertThat(containers).as("containers left").isEmpty();
        } finally {
            aliasServers.forEach(Process::destroyForcibly);
            docker("rm", "-f", "lpmtest-soak-exposed");
        }
    }

    private void register(LpmCli cli, UserInstance lpm, String name, String... flagsAndCommand) {
        List<String> args = new ArrayList<>(List.of("register", "--cwd", lpm.work().toString()));
        args.addAll(List.of(flagsAndCommand).subList(0, flagsAndCommand.length - 1));
        args.add(name);
        args.add(flagsAndCommand[flagsAndCommand.length - 1]);
        var result = cli.run(Duration.ofSeconds(90), args.toArray(String[]::new));
        assertThat(result.exit()).as(result.toString()).isZero();
    }

    /** GET through the proxy, round robin over every service, until the run ends. */
    private void traffic(LpmCli cli, List<String> services) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            int i = (int) Thread.currentThread().threadId();
            while (running.get()) {
                String name = services.get(Math.floorMod(i++, services.size()));
                long at = System.nanoTime();
                String failure = null;
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + cli.proxyPort() + "/"))
                            .header("Host", name + ".localhost").timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        failure = "HTTP " + response.statusCode();
                    }
                } catch (IOException e) {
                    failure = e.toString();
                } catch (InterruptedException e) {
                    return;
                }
                long failedAt = System.nanoTime();
                if (failure == null) {
                    served.incrementAndGet();
                } else if (name.equals("lpmtest-crashy") || wasDisrupted(name, failedAt)) {
                    failedAllowed.incrementAndGet();
                } else {
                    unexpectedFailures.add(name + ": " + failure + " at " + Duration.ofNanos(failedAt - at).toMillis()
                            + " ms after sending; " + lastDisruption(name, failedAt));
                }
                sleep(Duration.ofMillis(20));
            }
        }
    }

    /** One WebSocket through the proxy for the whole run: a text frame a second, each echoed. */
    private void webSocket(LpmCli cli) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", cli.proxyPort()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] key = new byte[16];
            new SecureRandom().nextBytes(key);
            out.write(("GET /ws HTTP/1.1\r\nHost: lpmtest-ws.localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 101")) {
                unexpectedFailures.add("WebSocket upgrade: " + head);
                return;
            }
            for (int n = 0; running.get(); n++) {
                byte[] text = ("ping " + n).getBytes(StandardCharsets.UTF_8);
                byte[] frame = new byte[6 + text.length];
                frame[0] = (byte) 0x81;
                frame[1] = (byte) (0x80 | text.length); // masked, as a client must
                byte[] mask = {1, 2, 3, 4};
                System.arraycopy(mask, 0, frame, 2, 4);
                for (int i = 0; i < text.length; i++) {
                    frame[6 + i] = (byte) (text[i] ^ mask[i % 4]);
                }
                out.write(frame);
                out.flush();
                byte[] echo = in.readNBytes(2 + text.length);
                if (echo.length != 2 + text.length || !new String(echo, 2, text.length, StandardCharsets.UTF_8)
                        .equals("ping " + n)) {
                    unexpectedFailures.add("WebSocket echo " + n + " was " + new String(echo, StandardCharsets.UTF_8));
                    return;
                }
                wsEchoes.incrementAndGet();
                sleep(Duration.ofSeconds(1));
            }
        } catch (IOException e) {
            unexpectedFailures.add("WebSocket: " + e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** The real CLI, as the user, every few seconds. */
    private void cliCalls(LpmCli cli) {
        List<String[]> calls = List.of(new String[] {"list"}, new String[] {"status"},
                new String[] {"logs", "-n", "20", "lpmtest-s2"}, new String[] {"security", "--json"});
        for (int i = 0; running.get(); i++) {
            String[] call = calls.get(i % calls.size());
            long at = System.nanoTime();
            LpmCli.Result result = cli.run(Duration.ofSeconds(60), call);
            cliMillis.add((System.nanoTime() - at) / 1_000_000);
            if (result.exit() != 0) {
                cliFailures.add(String.join(" ", call) + ": " + result);
            }
            sleep(Duration.ofSeconds(3));
        }
    }

    /** Every few seconds, a random printing service is stopped and started again, or restarted. */
    private void chaos(LpmCli cli) {
        Random random = new Random(42);
        while (running.get()) {
            sleep(Duration.ofSeconds(8));
            if (!running.get()) {
                return;
            }
            String name = TICKERS.get(random.nextInt(TICKERS.size()));
            List<Long> windows = disrupted.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
            windows.add(System.nanoTime()); // open: requests to it may fail from now on
            List<String> outcomes = new ArrayList<>();
            if (random.nextBoolean()) {
                outcomes.add(call(cli, "stop", name));
                sleep(Duration.ofSeconds(2));
                outcomes.add(call(cli, "start", name));
            } else {
                outcomes.add(call(cli, "restart", name));
            }
            // Requests that were already on their way when the service came back may still fail.
            windows.add(System.nanoTime() + Duration.ofSeconds(2).toNanos());
            outcomes.stream().filter(o -> o != null).forEach(cliFailures::add);
        }
    }

    private String call(LpmCli cli, String... args) {
        long at = System.nanoTime();
        LpmCli.Result result = cli.run(Duration.ofSeconds(60), args);
        cliMillis.add((System.nanoTime() - at) / 1_000_000);
        return result.exit() == 0 ? null : String.join(" ", args) + ": " + result;
    }

    /** Whether the service was being stopped, started or restarted at {@code at} (or just before). */
    private boolean wasDisrupted(String name, long at) {
        List<Long> windows = List.copyOf(disrupted.getOrDefault(name, List.of()));
        for (int i = 0; i < windows.size(); i += 2) {
            boolean open = i + 1 == windows.size();
            if (at >= windows.get(i) && (open || at <= windows.get(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private String lastDisruption(String name, long at) {
        List<Long> windows = List.copyOf(disrupted.getOrDefault(name, List.of()));
        if (windows.size() < 2) {
            return "never stopped before";
        }
        long end = windows.get(windows.size() % 2 == 0 ? windows.size() - 1 : windows.size() - 2);
        return "its last stop/start window ended " + Duration.ofNanos(at - end).toMillis() + " ms before";
    }

    /** A VPN for {@code length}; a container published on all interfaces meanwhile must be stopped by lpm. */
    private void vpnRound(LpmCli cli, int round, Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        try (HostTun vpn = HostTun.up("lpmtest-soak" + round, "10.213.9" + round + ".2/24")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> security(cli).get("vpn").get("active").asBoolean());
            int port = LpmCli.freePort();
            docker("rm", "-f", "lpmtest-soak-exposed");
            docker("run", "-d", "--name", "lpmtest-soak-exposed", "-p", port + ":80", IMAGE, "httpd", "-f", "-p", "80",
                    "-h", "/www");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    docker("inspect", "-f", "{{.State.Running}}", "lpmtest-soak-exposed").strip().equals("false"));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    security(cli).get("blockedContainers").toString().contains("lpmtest-soak-exposed"));
            while (System.nanoTime() < end) {
                Thread.sleep(1_000);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !security(cli).get("vpn").get("active").asBoolean());
        docker("rm", "-f", "lpmtest-soak-exposed");
    }

    private static JsonNode security(LpmCli cli) throws IOException {
        LpmCli.Result result = cli.run(Duration.ofSeconds(60), "security", "--json");
        assertThat(result.exit()).as(result.toString()).isZero();
        return JSON.readTree(result.out());
    }

    private static JsonNode service(LpmCli cli, String name) throws IOException {
        for (JsonNode node : JSON.readTree(cli.run(Duration.ofSeconds(60), "list", "--json").out())) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no service " + name);
    }

    private static Map<String, Integer> ports(LpmCli cli) throws IOException {
        Map<String, Integer> ports = new ConcurrentHashMap<>();
        for (JsonNode node : JSON.readTree(cli.run(Duration.ofSeconds(60), "list", "--json").out())) {
            ports.put(node.get("name").asText(), node.get("port").asInt());
        }
        return ports;
    }

    private String report(List<Double> control, UserInstance.ProcessMetrics before, UserInstance.ProcessMetrics after,
                          Duration stopTook) {
        List<Double> c = control.stream().sorted().toList();
        List<Long> cli = cliMillis.stream().sorted().toList();
        return String.format("""
                        soak: %d s, 12 services + 2 aliases, as a normal user in the docker group
                        control requests: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms
                        CLI calls (JVM start included): %d, p50 %d ms, p99 %d ms, max %d ms
                        proxy requests: %d served, %d failed to the crash loop or a service being stopped, %d other failures %s
                        WebSocket echoes: %d
                        daemon at start: %s
                        daemon at end:   %s
                        SIGTERM to exit: %d ms""",
                LENGTH.toSeconds(), c.size(), pct(c, 0.5), pct(c, 0.99), c.getLast(), cli.size(), pct(cli, 0.5),
                pct(cli, 0.99), cli.getLast(), served.get(), failedAllowed.get(), unexpectedFailures.size(),
                unexpectedFailures.stream().collect(java.util.stream.Collectors.groupingBy(
                        f -> f.substring(0, Math.max(0, f.indexOf(':'))), java.util.TreeMap::new,
                        java.util.stream.Collectors.counting())),
                wsEchoes.get(), before, after, stopTook.toMillis());
    }

    private static <T> T pct(List<T> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String docker(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("docker"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

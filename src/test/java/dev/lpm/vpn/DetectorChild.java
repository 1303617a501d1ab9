package dev.lpm.vpn;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.core.VpnStatus;
import dev.lpm.storage.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link VpnDetectorChildMain} JVM inside a test namespace, and the events it has printed so far. */
final class DetectorChild implements AutoCloseable {

    /** One VpnChanged line: when the child detected it, and when this JVM read it. */
    record Seen(Instant at, Instant received, VpnStatus status) {}

    private final Process process;
    private final List<Seen> events = new CopyOnWriteArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private DetectorChild(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("lpmtest-child-stdout").start(this::readEvents);
        Thread.ofPlatform().daemon().name("lpmtest-child-stderr").start(() -> {
            try {
                stderr.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the child is gone
            }
        });
    }

    static DetectorChild start(TestNamespace ns, Duration interval) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(ns.exec(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                VpnDetectorChildMain.class.getName(), Long.toString(interval.toMillis())));
        DetectorChild child = new DetectorChild(new ProcessBuilder(command).start());
        ns.own(child);
        await("the child detector's first verdict").atMost(Duration.ofSeconds(30))
                .until(() -> !child.events.isEmpty() || !child.process.isAlive());
        if (child.events.isEmpty()) {
            throw new IOException("detector child exited: " + child.stderr);
        }
        return child;
    }

    private void readEvents() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("{")) {
                    JsonNode node = Json.mapper().readTree(line);
                    events.add(new Seen(Instant.parse(node.get("at").asText()), Instant.now(),
                            Json.mapper().treeToValue(node.get("status"), VpnStatus.class)));
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    List<Seen> events() {
        return List.copyOf(events);
    }

    VpnStatus latest() {
        return events.getLast().status();
    }

    /** Waits for an event after the first {@code after} events that satisfies {@code condition}. */
    Seen awaitEvent(int after, Duration bound, Predicate<VpnStatus> condition) {
        await().atMost(bound).pollInterval(Duration.ofMillis(5))
                .until(() -> events.stream().skip(after).anyMatch(s -> condition.test(s.status())));
        return events.stream().skip(after).filter(s -> condition.test(s.status())).findFirst().orElseThrow();
    }

    long pid() {
        return process.pid();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
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

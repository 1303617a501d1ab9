package dev.lpm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.NetworkNamespace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Containers a test starts with a shell command line (as a service would), each named
 * {@code lpmtest-5a-PURPOSE-ID}; {@link #close} removes every one, also when the test failed.
 */
final class RewriteTestContainers implements AutoCloseable {

    static final String IMAGE = "lpm/busybox:test";
    static final String HTTPD = IMAGE + " httpd -f -p 80 -h /www";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> names = new CopyOnWriteArrayList<>();

    /** Builds the test image if it is missing (idempotent, no registry pull). */
    static void ensureImage() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bin/docker-test-image").inheritIO().start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as("bin/docker-test-image").isTrue();
    }

    /** A fresh container name this instance will remove. */
    String name(String purpose) {
        String name = "lpmtest-5a-" + purpose + "-" + Long.toString(RANDOM.nextLong() & 0xffffffL, 36);
        names.add(name);
        return name;
    }

    /** Runs {@code commandLine} through {@code sh -c}, as the supervisor runs a service; fails on a non-zero exit. */
    void sh(String commandLine) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", commandLine).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("sh -c %s: %s", commandLine, output).isZero();
    }

    /** The body of {@code GET http://ADDRESS:PORT/} from this host, or "" when it fails. */
    static String httpGet(String address, int port) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/"))
                    .timeout(Duration.ofSeconds(3)).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The body of {@code GET http://ADDRESS:PORT/} from inside {@code ns} (python3), or "" when it fails. */
    static String httpGetFrom(NetworkNamespace ns, String address, int port) {
        String script = "import sys, urllib.request\n"
                + "try:\n"
                + "    print(urllib.request.urlopen('http://%s:%s/' % (sys.argv[1], sys.argv[2]), timeout=3).read().decode())\n"
                + "except Exception as e:\n"
                + "    print('FAIL', e)\n";
        String out = ns.exec(Duration.ofSeconds(20), "python3", "-c", script, address, String.valueOf(port)).output();
        return out.startsWith("FAIL") ? "" : out.strip();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (names.isEmpty()) {
            return;
        }
        List<String> command = new java.util.ArrayList<>(List.of("docker", "rm", "-f"));
        command.addAll(names);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(60, TimeUnit.SECONDS);
        names.clear();
    }
}

package dev.lpm.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private session bus for one test: {@code dbus-daemon --nofork --print-address} with a config like the
 * session bus's but without service directories, so a notification daemon installed on the machine is
 * never auto-started onto it. {@link #close} stops it and removes the config.
 */
public final class PrivateSessionBus implements AutoCloseable {

    private static final String CONFIG = """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:tmpdir=/tmp</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """;

    private final Process daemon;
    private final Path config;
    public final String address;

    private PrivateSessionBus(Process daemon, Path config, String address) {
        this.daemon = daemon;
        this.config = config;
        this.address = address;
    }

    public static PrivateSessionBus start() throws Exception {
        Requirements.requireCommand("dbus-daemon", "dbus");
        Path config = Files.createTempFile("lpmtest-bus-", ".conf");
        Files.writeString(config, CONFIG);
        Process daemon;
        try {
            daemon = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--print-address", "--nofork")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            Files.deleteIfExists(config);
            throw e;
        }
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(),
                    StandardCharsets.UTF_8));
            String address = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            if (address == null || !address.startsWith("unix:")) {
                throw new IllegalStateException("dbus-daemon printed no address: " + address);
            }
            return new PrivateSessionBus(daemon, config, address.strip());
        } catch (Exception e) {
            daemon.destroyForcibly();
            Files.deleteIfExists(config);
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        daemon.destroy();
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
            daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(config);
    }
}

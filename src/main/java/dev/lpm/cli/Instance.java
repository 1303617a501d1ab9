package dev.lpm.cli;

import dev.lpm.config.LpmHome;
import dev.lpm.config.SettingsStore;
import dev.lpm.control.ControlClient;
import dev.lpm.core.Settings;
import dev.lpm.docker.engine.DockerGateway;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** The CLI's way to the running instance, starting one first when a command needs it. */
final class Instance {

    private Instance() {}

    /** The home, checked to be the user's own before the command reads it or talks to its socket. */
    static LpmHome home() {
        return LpmHome.fromEnvironment().verified();
    }

    /** The home's settings.json (defaults when there is none), for commands that work without an instance. */
    static Settings settings() {
        try {
            return new SettingsStore(home().settings()).load().value();
        } catch (IOException e) {
            throw new CliException("cannot read settings: " + e.getMessage());
        }
    }

    /** The engine the instance talks to (settings.json's engineHost, else DOCKER_HOST), for one-shot commands. */
    static DockerGateway engine() {
        return DockerGateway.open(settings().engineHost());
    }

    /**
     * A client for the running instance; starts the daemon first (and says so) when none runs. On a
     * terminal, the progress of long requests (a slow start) is shown on stderr as it happens.
     */
    static ControlClient require(PrintWriter err) {
        LpmHome home = home();
        ControlClient client = new ControlClient(home.controlSocket());
        if (!client.isAvailable()) {
            long pid = DaemonStarter.start(home);
            err.println("lpm: no instance was running; started the lpm daemon in the background (pid " + pid
                    + ", log " + home.daemonLog() + ")");
            err.flush();
        }
        java.io.Console console = System.console();
        if (console != null && console.isTerminal()) {
            client.onProgress(new ProgressLines(err));
        }
        return client;
    }

    /** What the user reads when the instance stopped answering: which process, and where its log is. */
    static String notAnswering(dev.lpm.control.ControlTimeoutException e) {
        LpmHome home = home();
        String pid = "unknown";
        try {
            List<String> lock = java.nio.file.Files.readAllLines(home.lock());
            if (!lock.isEmpty() && !lock.getFirst().isBlank()) {
                pid = lock.getFirst().strip();
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // say "unknown"
        }
        return "the lpm instance (pid " + pid + ") did not answer within " + e.waited().toSeconds() + "s;"
                + " its log is " + home.daemonLog() + ". If it stays stuck, kill -QUIT " + pid
                + " writes its threads to that log, and kill " + pid + " stops it and its services.";
    }

    /** Prints each new progress message once. */
    private static final class ProgressLines implements java.util.function.Consumer<String> {
        private final PrintWriter err;
        private String last;

        ProgressLines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void accept(String message) {
            if (!message.equals(last)) {
                last = message;
                err.println("lpm: " + message);
                err.flush();
            }
        }
    }

    /** A client only if an instance already runs. */
    static ControlClient ifRunning() {
        ControlClient client = new ControlClient(home().controlSocket());
        return client.isAvailable() ? client : null;
    }

    /**
     * Tells a running instance that where lpm's CA is trusted may have changed (it checks again: GET /v1/trust), so
     * the addresses it prints and opens switch scheme now rather than at its next periodic check.
     */
    static void recheckTrust() {
        ControlClient client = ifRunning();
        if (client == null) {
            return;
        }
        try {
            client.call(new dev.lpm.control.ControlRequest.TrustStatus());
        } catch (RuntimeException e) {
            // the change is made; the instance sees it at its next periodic check
        }
    }
}

package dev.lpm.cli;

import dev.lpm.config.LpmHome;
import dev.lpm.control.ControlClient;
import java.io.PrintWriter;

/** The CLI's way to the running instance, starting one first when a command needs it. */
final class Instance {

    private Instance() {}

    /** The home, checked to be the user's own before the command reads it or talks to its socket. */
    static LpmHome home() {
        return LpmHome.fromEnvironment().verified();
    }

    /** A client for the running instance; starts the daemon first (and says so) when none runs. */
    static ControlClient require(PrintWriter err) {
        LpmHome home = home();
        ControlClient client = new ControlClient(home.controlSocket());
        if (!client.isAvailable()) {
            long pid = DaemonStarter.start(home);
            err.println("lpm: no instance was running; started the lpm daemon in the background (pid " + pid
                    + ", log " + home.daemonLog() + ")");
            err.flush();
        }
        return client;
    }

    /** A client only if an instance already runs. */
    static ControlClient ifRunning() {
        ControlClient client = new ControlClient(home().controlSocket());
        return client.isAvailable() ? client : null;
    }
}

package dev.lpm.enforce.helper;

import java.io.PrintWriter;

/**
 * The helper's log: one line per event on stderr, which systemd puts in the journal
 * ({@code journalctl -u lpm-helper.service}). No logging library: the helper loads as little as it can.
 */
public final class HelperLog {

    private final PrintWriter out;

    public HelperLog(PrintWriter out) {
        this.out = out;
    }

    public void info(String message) {
        line("lpm helper: " + message);
    }

    /** Something an administrator must look at: the firewall may not be what lpm wants. */
    public void alarm(String message) {
        line("lpm helper: WARNING: " + message);
    }

    private synchronized void line(String text) {
        out.println(text);
        out.flush();
    }
}

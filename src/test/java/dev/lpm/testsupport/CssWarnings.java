package dev.lpm.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What JavaFX's CSS engine warns about while tests run: a looked-up colour that does not resolve ("Could
 * not resolve '-lpm-text'"), a value of the wrong type ("String cannot be cast to Paint"), a bad stylesheet.
 * JavaFX logs these to its "javafx.css" logger (CssStyleHelper, StyleManager, CssParser), which goes to
 * java.util.logging; a handler on that logger records them here, as well as printing them as before.
 */
public final class CssWarnings {

    /** Held so java.util.logging keeps the logger, and with it the handler. */
    private static final Logger CSS = Logger.getLogger("javafx.css");
    private static final List<String> RECORDED = new ArrayList<>();

    static {
        CSS.addHandler(new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (RECORDED) {
                        RECORDED.add(record.getSourceClassName() + ": " + formatter.formatMessage(record));
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    private CssWarnings() {}

    /** Starts recording (idempotent); call before the first window is built. */
    public static void install() {
        // the static initializer does the work
    }

    /** The warnings recorded since the last call, and forgets them. */
    public static List<String> drain() {
        synchronized (RECORDED) {
            List<String> all = List.copyOf(RECORDED);
            RECORDED.clear();
            return all;
        }
    }
}

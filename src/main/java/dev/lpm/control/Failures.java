package dev.lpm.control;

import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one rule for what a failure means to the user. Refusals (a bad name, a taken port, an unknown
 * service, a blocked command) are thrown as IllegalArgumentException, IllegalStateException or one of
 * lpm's own exceptions, with a message written for the user, and are shown as they are. Anything else
 * (a NullPointerException, say) is lpm's bug: the user gets a short line with an id, and the full story
 * goes to a log under that id.
 */
public final class Failures {

    private Failures() {}

    /** Whether {@code e} is a refusal whose message is meant for the user. */
    public static boolean isUserError(Throwable e) {
        return e.getMessage() != null
                && (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UncheckedIOException || e instanceof UnsupportedOperationException
                || e.getClass().getName().startsWith("dev.lpm."));
    }

    /** A short id that finds one failure in a log. */
    public static String newId() {
        return String.format("%08x", ThreadLocalRandom.current().nextInt());
    }

    /** The line a user reads for an internal error. */
    public static String internal(String id, Throwable e, String where) {
        return "internal error " + id + " (" + e.getClass().getSimpleName() + "); this is a bug in lpm: the"
                + " details are in " + where + " under " + id;
    }
}

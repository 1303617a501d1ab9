package dev.lpm.run;

/**
 * How a service's command learns its port, decided once by {@link DevServers} for {@code lpm run} and
 * {@code lpm register} alike.
 *
 * @param command   the command to register: as typed, or with the dev server's port and host flags added
 * @param how       which of the three ways applies
 * @param framework the dev server lpm recognised ({@code null} unless {@link How#INJECTED})
 */
public record CommandPort(String command, How how, String framework) {

    public enum How {
        /** The command says where its port goes ({@code {port}}): nothing is added. */
        PLACEHOLDER,
        /** A dev server that ignores PORT: lpm added its port and host flags. */
        INJECTED,
        /** Neither: the command only gets {@code $PORT}, which it may ignore. */
        ENVIRONMENT_ONLY
    }

    /** What the user is told when lpm cannot be sure the command uses its port; null when it can. */
    public String warning() {
        if (how != How.ENVIRONMENT_ONLY) {
            return null;
        }
        return "the command has no {port} and is no dev server lpm knows (" + String.join(", ", DevServers.known())
                + "); it gets its port only as $PORT. If it ignores PORT, write {port} where its port goes,"
                + " e.g. \"python3 -m http.server --bind 127.0.0.1 {port}\"";
    }
}

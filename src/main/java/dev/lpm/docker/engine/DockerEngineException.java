package dev.lpm.docker.engine;

/**
 * A Docker request failed. {@link #unreachable()} tells a down or missing engine (retry later) from a
 * request the engine refused (the message says which container and why).
 */
public class DockerEngineException extends RuntimeException {

    private final boolean unreachable;

    public DockerEngineException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    public boolean unreachable() {
        return unreachable;
    }

    /** The container does not exist (any more). */
    public static final class NoSuchContainer extends DockerEngineException {
        public NoSuchContainer(String message, Throwable cause) {
            super(message, false, cause);
        }
    }
}

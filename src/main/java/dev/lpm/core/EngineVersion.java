package dev.lpm.core;

/** Reads the Docker engine's version ({@link DockerGateway#engineVersion()}, e.g. "20.10.24+dfsg1"). */
public final class EngineVersion {

    private EngineVersion() {}

    /** The major version ("20.10.24+dfsg1" -> 20, "28.0.1" -> 28); -1 when unreadable. */
    public static int major(String version) {
        if (version == null) {
            return -1;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?(\\d+)\\.").matcher(version.strip());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}

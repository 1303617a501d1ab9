package dev.lpm.docker.command;

/**
 * The Docker labels lpm writes and reads, defined once: the command rewrite and the API guard set them,
 * the kill switch, the services and the audit read them.
 */
public final class ContainerLabels {

    /** Set to {@link #BYPASS} on a --no-kill-switch service's container: the kill switch leaves it alone. */
    public static final String KILL_SWITCH = "dev.lpm.kill-switch";
    /** The value of {@link #KILL_SWITCH} that exempts a container. */
    public static final String BYPASS = "bypass";
    /** The service an isolated container belongs to; lpm removes only containers carrying it. */
    public static final String SERVICE = "dev.lpm.service";
    /** Set by the Docker API guard on every container created through it. */
    public static final String VIA_API_GUARD = "dev.lpm.via-api-guard";
    /** Marks a network as lpm's, for people wondering where it came from. */
    public static final String MANAGED = "dev.lpm.managed";

    private ContainerLabels() {}
}

package dev.lpm.docker.engine;

/**
 * A container's restart policy, as Docker names it: {@code no}, {@code always}, {@code unless-stopped},
 * {@code on-failure} (with {@code maxRetries}, 0 = unlimited).
 */
public record ContainerRestartPolicy(String name, int maxRetries) {

    public static final ContainerRestartPolicy NO = new ContainerRestartPolicy("no", 0);

    public ContainerRestartPolicy {
        // Older engines report "" for a container created without --restart.
        name = name == null || name.isBlank() ? "no" : name;
    }

    public boolean isNo() {
        return name.equals("no");
    }

    /** The {@code --restart} spelling: {@code on-failure:3}, {@code always}. */
    @Override
    public String toString() {
        return name.equals("on-failure") && maxRetries > 0 ? name + ":" + maxRetries : name;
    }
}

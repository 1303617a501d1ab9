package dev.lpm.docker.command;

import java.util.List;

/**
 * One {@code run} or {@code create} of a container CLI (docker, podman, nerdctl) found in a command line.
 *
 * @param tool          the CLI's command word as written, without its directory ("docker", "podman", ...)
 * @param subcommand    "run" or "create" (also when written {@code docker container run})
 * @param publications  every {@code -p}/{@code --publish} value, in order
 * @param networks      every {@code --network}/{@code --net} value, in order
 * @param image         the image (the first word that is not an option or an option's value), null if none
 * @param containerArgs everything after the image: the container's own command, never touched
 */
public record ContainerRun(String tool, String subcommand, List<PortPublication> publications, List<String> networks,
                           String image, List<String> containerArgs) {

    public ContainerRun {
        publications = List.copyOf(publications);
        networks = List.copyOf(networks);
        containerArgs = List.copyOf(containerArgs);
    }

    public boolean publishesPorts() {
        return !publications.isEmpty();
    }
}

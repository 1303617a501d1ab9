package dev.lpm.audit;

/**
 * One process of a container as {@code docker top} lists it.
 *
 * @param pid     its pid on the host
 * @param ppid    its parent's pid on the host
 * @param command its command line
 * @param own     it descends from the container's init ({@code State.Pid}): a process the container runs
 *                itself, not a {@code docker exec} session or a health check the engine started beside it
 */
public record ContainerProcess(long pid, long ppid, String command, boolean own) {

    public ContainerProcess {
        command = command == null ? "" : command;
    }

    /** "/usr/sbin/sshd -D" -> "sshd"; "sshd: user [priv]" -> "sshd"; "postgres: checkpointer" -> "postgres". */
    public String program() {
        String first = command.strip().split("[\\s:]+", 2)[0];
        return first.substring(first.lastIndexOf('/') + 1);
    }
}

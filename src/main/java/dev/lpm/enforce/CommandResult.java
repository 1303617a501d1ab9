package dev.lpm.enforce;

/** How a command ended and what it wrote. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }
}

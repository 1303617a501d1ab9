package dev.lpm.docker.command;

import java.util.List;

/** A container CLI command lpm will not run in any form ({@code --network host}, {@code -P}, ...), with why. */
public final class ContainerCliRefusedException extends RuntimeException {

    private final List<String> reasons;

    public ContainerCliRefusedException(List<String> reasons) {
        super(String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}

package dev.lpm.audit;

import java.util.List;

/**
 * What the report says about a container besides its findings: facts to know, not faults to fix. Today its
 * runtime: runc shares the host's kernel with the container; gVisor's runsc and Kata Containers put a
 * user-space kernel or a small VM in between, which the guide recommends looking at.
 */
public final class ContainerFacts {

    private ContainerFacts() {}

    public static List<String> of(ContainerSnapshot c) {
        return List.of(runtime(c.settings().runtime()));
    }

    static String runtime(String runtime) {
        String name = runtime.isEmpty() ? "the engine's default (runc)" : runtime;
        String lower = runtime.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("runsc") || lower.contains("gvisor")) {
            return "runtime " + name + ": gVisor, a user-space kernel between the container and the host's kernel";
        }
        if (lower.contains("kata")) {
            return "runtime " + name + ": Kata Containers, a lightweight VM with its own kernel around the container";
        }
        if (lower.isEmpty() || lower.contains("runc") || lower.contains("crun") || lower.contains("youki")) {
            return "runtime " + name + ": shares the host's kernel (for untrusted code, gVisor --runtime=runsc or"
                    + " Kata add a layer)";
        }
        return "runtime " + name;
    }
}

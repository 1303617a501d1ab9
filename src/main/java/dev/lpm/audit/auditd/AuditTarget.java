package dev.lpm.audit.auditd;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One file or directory of the engine that auditd should watch for writes and attribute changes.
 *
 * @param guidePath  the path as the hardening guide (and CIS Docker 1.2.0, 1.5-1.13) lists it
 * @param candidates where it lives on today's systems, first match wins (the guide's path is tried first)
 * @param what       what it is, for the comment in the generated rules
 * @param inGuide    false for a watch lpm adds beside the guide's list
 */
public record AuditTarget(String guidePath, List<String> candidates, String what, boolean inGuide) {

    public AuditTarget {
        candidates = List.copyOf(candidates);
    }

    /**
     * The path to watch on this machine: the first candidate that exists, else the guide's path when its
     * directory exists (auditd can watch a file that appears later, never one whose directory is missing).
     */
    public Optional<String> resolve(Predicate<Path> exists) {
        for (String candidate : candidates) {
            if (exists.test(Path.of(candidate))) {
                return Optional.of(candidate);
            }
        }
        Path parent = Path.of(guidePath).getParent();
        return parent != null && exists.test(parent) ? Optional.of(guidePath) : Optional.empty();
    }
}

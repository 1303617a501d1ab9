package dev.lpm.audit.images;

import dev.lpm.core.Finding;
import java.util.List;
import java.util.Optional;

/** What one check on an image says: a finding, or a fact worth telling when nothing is wrong. */
public record ImageCheckResult(Optional<Finding> finding, Optional<String> fact) {

    public static ImageCheckResult finding(Finding finding) {
        return new ImageCheckResult(Optional.of(finding), Optional.empty());
    }

    public static ImageCheckResult fact(String fact) {
        return new ImageCheckResult(Optional.empty(), Optional.of(fact));
    }

    public static ImageCheckResult both(Finding finding, String fact) {
        return new ImageCheckResult(Optional.of(finding), Optional.of(fact));
    }

    public List<String> facts() {
        return fact.stream().toList();
    }
}

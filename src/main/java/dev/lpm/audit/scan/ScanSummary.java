package dev.lpm.audit.scan;

import java.util.Map;
import java.util.TreeMap;

/** Vulnerability counts by severity (CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN...) from one scanner. */
public record ScanSummary(String scanner, String image, Map<String, Integer> counts) {

    public ScanSummary {
        counts = Map.copyOf(counts);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** "trivy: 2 critical, 5 high, 1 medium" (or "no known vulnerabilities"). */
    public String line() {
        if (counts.isEmpty()) {
            return scanner + " on " + image + ": no known vulnerabilities";
        }
        StringBuilder out = new StringBuilder(scanner + " on " + image + ":");
        String sep = " ";
        for (String level : new String[] {"CRITICAL", "HIGH", "MEDIUM", "LOW", "NEGLIGIBLE", "UNKNOWN"}) {
            Integer n = counts.get(level);
            if (n != null) {
                out.append(sep).append(n).append(' ').append(level.toLowerCase(java.util.Locale.ROOT));
                sep = ", ";
            }
        }
        return out.toString();
    }

    static Map<String, Integer> count(Iterable<String> severities) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String s : severities) {
            counts.merge(s.toUpperCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        return counts;
    }
}

package dev.lpm.audit.auditd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths audit rules watch for writes, read from {@code auditctl -l} output or from rules files: both the
 * {@code -w PATH -p PERMS} form and the syscall form ({@code -a always,exit -F dir=PATH -F perm=wa}) that newer
 * auditctl prints for directory watches. A rule without permissions watches everything, writes included.
 */
public final class LoadedAuditRules {

    private LoadedAuditRules() {}

    /** Paths watched for writes ({@code w} in the permissions), in the order the rules list them. */
    public static Set<String> watchedForWrites(List<String> lines) {
        Set<String> paths = new LinkedHashSet<>();
        for (String line : lines) {
            String rule = line.strip();
            if (rule.isEmpty() || rule.startsWith("#")) {
                continue;
            }
            List<String> words = List.of(rule.split("\\s+"));
            String path = null;
            String perms = null;
            boolean deletes = false;
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                String next = i + 1 < words.size() ? words.get(i + 1) : "";
                switch (word) {
                    case "-w" -> path = next;
                    case "-W" -> deletes = true;
                    case "-p" -> perms = next;
                    case "-F" -> {
                        if (next.startsWith("dir=") || next.startsWith("path=")) {
                            path = next.substring(next.indexOf('=') + 1);
                        } else if (next.startsWith("perm=")) {
                            perms = next.substring("perm=".length());
                        }
                    }
                    default -> { }
                }
            }
            if (path != null && !deletes && (perms == null || perms.contains("w"))) {
                paths.add(stripSlash(path));
            }
        }
        return paths;
    }

    /** The targets' paths no rule watches for writes. */
    public static List<String> missing(List<String> wanted, Set<String> watched) {
        List<String> result = new ArrayList<>();
        for (String path : wanted) {
            if (!watched.contains(stripSlash(path))) {
                result.add(path);
            }
        }
        return result;
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}

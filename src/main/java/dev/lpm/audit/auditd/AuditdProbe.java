package dev.lpm.audit.auditd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the audit rules in force: the kernel's, with {@code auditctl -l} (needs root, as it talks to the kernel),
 * else the rules files augenrules loads at boot ({@code /etc/audit/rules.d/*.rules}, {@code audit.rules}), else
 * says why neither could be read.
 */
public final class AuditdProbe {

    private static final List<String> AUDITCTL = List.of("/usr/sbin/auditctl", "/sbin/auditctl", "/usr/bin/auditctl");

    private final Path auditDir;
    private final List<String> auditctl;

    public AuditdProbe() {
        this(Path.of("/etc/audit"), AUDITCTL);
    }

    /** {@code auditDir}: where the rules files are; {@code auditctl}: where auditctl may be, first found is used. */
    public AuditdProbe(Path auditDir, List<String> auditctl) {
        this.auditDir = auditDir;
        this.auditctl = List.copyOf(auditctl);
    }

    public AuditdState probe() {
        String tool = auditctl.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        String why = "";
        if (tool != null) {
            Run run = run(List.of(tool, "-l"));
            if (run.exit == 0) {
                return AuditdState.read(AuditdState.Source.KERNEL, run.output.lines().toList(),
                        "the kernel's rules (" + tool + " -l)");
            }
            why = tool + " -l failed: " + run.output.strip();
        }
        if (tool == null && !Files.exists(auditDir)) {
            return new AuditdState(AuditdState.Source.NOT_INSTALLED, java.util.Set.of(),
                    "auditd is not installed (no auditctl, no " + auditDir + ")");
        }
        try {
            List<String> lines = new ArrayList<>();
            Path rulesD = auditDir.resolve("rules.d");
            if (Files.isDirectory(rulesD)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(rulesD, "*.rules")) {
                    for (Path file : files) {
                        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                    }
                }
            }
            Path rules = auditDir.resolve("audit.rules");
            if (Files.exists(rules)) {
                lines.addAll(Files.readAllLines(rules, StandardCharsets.UTF_8));
            }
            return AuditdState.read(AuditdState.Source.FILES, lines, "the rules files in " + auditDir
                    + " (what augenrules loads at boot" + (why.isEmpty() ? "" : "; " + why) + ")");
        } catch (IOException | SecurityException e) {
            return new AuditdState(AuditdState.Source.UNREADABLE, java.util.Set.of(),
                    (why.isEmpty() ? "" : why + "; ") + "cannot read " + auditDir + ": " + e);
        }
    }

    private record Run(int exit, String output) {}

    private static Run run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "timed out");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, e.toString());
        }
    }
}

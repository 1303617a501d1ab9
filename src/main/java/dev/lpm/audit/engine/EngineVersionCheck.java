package dev.lpm.audit.engine;

import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure: the engine's version against {@link EngineReleases}: an older line, or behind on the current line. */
public final class EngineVersionCheck {

    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private EngineVersionCheck() {}

    public static Optional<Finding> check(String version, EngineReleases table) {
        int[] engine = parse(version);
        int[] newest = parse(table.newest());
        if (engine == null || newest == null) {
            return Optional.empty();
        }
        String seen = "engine " + version + "; " + table.describe() + " (offline, not checked online)";
        String fix = "upgrade Docker Engine to " + table.newest() + " or later (docs.docker.com/engine/install; a"
                + " distribution's docker.io package may lag: Docker's own packages follow the stable line)";
        if (engine[0] < table.stableLine()) {
            return Optional.of(new Finding("engine-outdated", "CIS 1.3", Severity.MEDIUM, Finding.ENGINE, seen,
                    "An engine from an older line than the stable one no longer gets every security fix: known"
                            + " container escapes and daemon bugs stay open.", fix));
        }
        if (compare(engine, newest) < 0) {
            return Optional.of(new Finding("engine-behind-latest", "CIS 1.3", Severity.LOW, Finding.ENGINE, seen,
                    "Patch releases of the stable line carry security fixes this engine lacks.", fix));
        }
        return Optional.empty();
    }

    /** {major, minor, patch}, or null when the text is not a version. */
    static int[] parse(String version) {
        Matcher m = VERSION.matcher(version == null ? "" : version.strip());
        if (!m.find()) {
            return null;
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}

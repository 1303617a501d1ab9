package dev.lpm.audit.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The scanners lpm knows: how to run each on an image and how to count its output by severity. */
public enum Scanner {

    TRIVY("trivy", "https://trivy.dev (Debian/Ubuntu: the aquasecurity apt repository)") {
        @Override
        public List<String> command(String image) {
            return List.of("trivy", "image", "--quiet", "--format", "json", image);
        }

        @Override
        public List<String> sbomCommand(Path sbom) {
            return List.of("trivy", "sbom", "--quiet", "--format", "json", sbom.toString());
        }

        @Override
        public Map<String, Integer> counts(String output) throws Exception {
            List<String> severities = new ArrayList<>();
            for (JsonNode result : json(output).path("Results")) {
                result.path("Vulnerabilities").forEach(v -> severities.add(v.path("Severity").asText("UNKNOWN")));
            }
            return ScanSummary.count(severities);
        }
    },
    GRYPE("grype", "https://github.com/anchore/grype (install script or release package)") {
        @Override
        public List<String> command(String image) {
            return List.of("grype", "--quiet", "-o", "json", image);
        }

        @Override
        public List<String> sbomCommand(Path sbom) {
            return List.of("grype", "--quiet", "-o", "json", "sbom:" + sbom);
        }

        @Override
        public Map<String, Integer> counts(String output) throws Exception {
            List<String> severities = new ArrayList<>();
            json(output).path("matches").forEach(m -> severities.add(m.path("vulnerability").path("severity").asText("Unknown")));
            return ScanSummary.count(severities);
        }
    },
    DOCKER_SCOUT("docker scout", "https://docs.docker.com/scout/ (the docker-scout CLI plugin)") {
        private static final Pattern SUMMARY = Pattern.compile("(\\d+)C\\s+(\\d+)H\\s+(\\d+)M\\s+(\\d+)L");

        @Override
        public List<String> command(String image) {
            return List.of("docker", "scout", "quickview", image);
        }

        @Override
        public Map<String, Integer> counts(String output) {
            // quickview prints "Target  │  IMAGE  │  0C  1H  2M  3L": the first such line is the image.
            Matcher m = SUMMARY.matcher(output);
            if (!m.find()) {
                throw new IllegalArgumentException("no 'NC NH NM NL' summary in docker scout's output");
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            String[] levels = {"CRITICAL", "HIGH", "MEDIUM", "LOW"};
            for (int i = 0; i < 4; i++) {
                int n = Integer.parseInt(m.group(i + 1));
                if (n > 0) {
                    counts.put(levels[i], n);
                }
            }
            return counts;
        }
    };

    private final String displayName;
    private final String whereToGet;

    Scanner(String displayName, String whereToGet) {
        this.displayName = displayName;
        this.whereToGet = whereToGet;
    }

    public abstract List<String> command(String image);

    /** The command that scans a CycloneDX SBOM file instead of an image (trivy and grype read one). */
    public List<String> sbomCommand(Path sbom) {
        throw new UnsupportedOperationException(displayName + " is run on images only");
    }

    /** Counts by upper-case severity. */
    public abstract Map<String, Integer> counts(String output) throws Exception;

    public String displayName() {
        return displayName;
    }

    public String whereToGet() {
        return whereToGet;
    }

    static JsonNode json(String output) throws Exception {
        return dev.lpm.storage.Json.mapper().readTree(output);
    }
}

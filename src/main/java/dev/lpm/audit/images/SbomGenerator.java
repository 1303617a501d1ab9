package dev.lpm.audit.images;

import java.nio.file.Path;
import java.util.List;

/** The programs that write a CycloneDX JSON SBOM of a local image, in the order lpm prefers them. */
public enum SbomGenerator {

    SYFT("syft", "https://github.com/anchore/syft (release packages; not in Debian 12)") {
        @Override
        public List<String> command(String image, Path out) {
            return List.of("syft", "docker:" + image, "--quiet", "-o", "cyclonedx-json=" + out);
        }
    },
    TRIVY("trivy", "https://trivy.dev (the aquasecurity apt repository; not in Debian 12)") {
        @Override
        public List<String> command(String image, Path out) {
            return List.of("trivy", "image", "--quiet", "--format", "cyclonedx", "--output", out.toString(), image);
        }
    },
    CDXGEN("cdxgen", "npm install -g @cyclonedx/cdxgen (the npm registry)") {
        @Override
        public List<String> command(String image, Path out) {
            return List.of("cdxgen", "-t", "docker", "-o", out.toString(), image);
        }
    };

    private final String program;
    private final String whereToGet;

    SbomGenerator(String program, String whereToGet) {
        this.program = program;
        this.whereToGet = whereToGet;
    }

    /** The command that writes the SBOM of {@code image} (a local name or id) to {@code out}. */
    public abstract List<String> command(String image, Path out);

    public String program() {
        return program;
    }

    public String whereToGet() {
        return whereToGet;
    }
}

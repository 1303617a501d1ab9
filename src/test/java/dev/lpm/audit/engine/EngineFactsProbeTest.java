package dev.lpm.audit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The probe against this machine's real engine, compared with what the docker CLI and the file system say. */
class EngineFactsProbeTest {

    @Test
    void probesTheRealEngine() throws Exception {
        Requirements.requireDockerEngine();
        try (DockerGateway api = DockerGateway.fromEnvironment()) {
            EngineFacts facts = new EngineFactsProbe().probe(api);
            String cliVersion = new String(new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}")
                    .start().getInputStream().readAllBytes()).strip();
            assertThat(facts.version()).isEqualTo(cliVersion);
            if (api.dockerHost().startsWith("unix://")) {
                Path socket = Path.of(java.net.URI.create(api.dockerHost()).getPath());
                PosixFileAttributes a = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                assertThat(facts.socket().owner()).isEqualTo(a.owner().getName());
                assertThat(facts.socket().group()).isEqualTo(a.group().getName());
                assertThat(PosixFilePermissions.toString(a.permissions())).isEqualTo(
                        PosixFilePermissions.toString(PosixFilePermissions.fromString(rwx(facts.socket().mode()))));
            }
            boolean before28 = Integer.parseInt(cliVersion.split("\\.")[0]) < 28;
            assertThat(EngineChecks.check(facts)).extracting(f -> f.id())
                    .matches(ids -> ids.contains("engine-loopback-ports-reachable-from-lan") == before28);
        }
    }

    @Test
    void modeBitsMatchLs() {
        assertThat(EngineFactsProbe.mode(PosixFilePermissions.fromString("rw-rw----"))).isEqualTo(0660);
        assertThat(EngineFactsProbe.mode(PosixFilePermissions.fromString("rwxr-xr-x"))).isEqualTo(0755);
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            s.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }
}

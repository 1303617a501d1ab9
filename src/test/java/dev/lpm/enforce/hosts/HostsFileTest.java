package dev.lpm.enforce.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileTest {

    private static final String ORIGINAL = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n# keep me\n";

    @TempDir
    Path dir;

    @Test
    void syncInsertsOneBlockAndLeavesOtherLinesAlone() throws Exception {
        Path file = hosts(ORIGINAL);
        assertThat(new HostsFile(file).sync(List.of("api", "web"))).isTrue();
        assertThat(Files.readString(file)).isEqualTo(ORIGINAL + """
                # BEGIN lpm managed
                127.0.0.1\tapi.localhost
                ::1\tapi.localhost
                127.0.0.1\tweb.localhost
                ::1\tweb.localhost
                # END lpm managed
                """);
    }

    @Test
    void syncIsIdempotentAndUpdatesTheBlockInPlace() throws Exception {
        Path file = hosts(ORIGINAL);
        HostsFile hosts = new HostsFile(file);
        hosts.sync(List.of("api"));
        Files.writeString(file, Files.readString(file) + "10.0.0.1 after\n");
        assertThat(hosts.sync(List.of("api"))).isFalse();
        hosts.sync(List.of("db"));
        String content = Files.readString(file);
        assertThat(content).startsWith(ORIGINAL).endsWith("# END lpm managed\n10.0.0.1 after\n")
                .contains("127.0.0.1\tdb.localhost").doesNotContain("api.localhost");
        assertThat(content.split(HostsBlock.BEGIN, -1)).hasSize(2);
    }

    @Test
    void cleanRemovesExactlyTheBlock() throws Exception {
        Path file = hosts(ORIGINAL);
        HostsFile hosts = new HostsFile(file);
        hosts.sync(List.of("api"));
        assertThat(hosts.clean()).isTrue();
        assertThat(Files.readString(file)).isEqualTo(ORIGINAL);
        assertThat(hosts.clean()).isFalse();
    }

    @Test
    void crlfFileGetsCrlfLinesAndKeepsItsOwn() throws Exception {
        String crlf = "127.0.0.1 localhost\r\n# windows\r\n";
        Path file = hosts(crlf);
        HostsFile hosts = new HostsFile(file);
        hosts.sync(List.of("api"));
        String content = Files.readString(file);
        assertThat(content).startsWith(crlf).contains("127.0.0.1\tapi.localhost\r\n").endsWith("# END lpm managed\r\n");
        assertThat(content.replace("\r\n", "")).doesNotContain("\n");
        hosts.clean();
        assertThat(Files.readString(file)).isEqualTo(crlf);
    }

    @Test
    void fileWithoutTrailingNewlineKeepsItsLastLineIntact() throws Exception {
        Path file = hosts("127.0.0.1 localhost");
        new HostsFile(file).sync(List.of("api"));
        assertThat(Files.readString(file)).startsWith("127.0.0.1 localhost\n# BEGIN lpm managed\n");
    }

    @Test
    void keepsTheFileMode() throws Exception {
        Path file = hosts(ORIGINAL);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        new HostsFile(file).sync(List.of("api"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void noServicesMeansNoBlock() throws Exception {
        Path file = hosts(ORIGINAL);
        HostsFile hosts = new HostsFile(file);
        hosts.sync(List.of("api"));
        hosts.sync(List.of());
        assertThat(Files.readString(file)).isEqualTo(ORIGINAL);
    }

    @Test
    void unterminatedBlockIsRefusedAndTheFileLeftAlone() throws Exception {
        String broken = ORIGINAL + HostsBlock.BEGIN + "\n127.0.0.1 x.localhost\n";
        Path file = hosts(broken);
        assertThatThrownBy(() -> new HostsFile(file).sync(List.of("api")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fix it by hand");
        assertThat(Files.readString(file)).isEqualTo(broken);
    }

    private Path hosts(String content) throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, content);
        return file;
    }
}

package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.registry.RegistryStore;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack the issue reproduced: a root lpm given an LPM_HOME another user prepared (a planted
 * services.json whose command lpm would run as root, a logs directory that is a link elsewhere). The
 * packaged lpm refuses to start, says why and how to fix it, and runs and writes nothing.
 */
class ForeignHomeIT {

    private static final int NOBODY = 65534;

    @TempDir
    Path tmp;

    Path home;
    Path marker;
    LpmCli lpm;

    @BeforeEach
    void setUp() throws Exception {
        Requirements.requireRoot();
        home = Files.createDirectory(tmp.resolve("lpmtest-home"));
        marker = tmp.resolve("lpmtest-planted-command-ran");
        ServiceSpec planted = new ServiceSpec(ServiceName.of("lpmtest-planted"), "touch " + marker, 4997,
                ServiceFlags.NONE, null, Map.of(), Instant.now(), true);
        new RegistryStore(home.resolve("services.json")).save(List.of(planted));
        lpm = new LpmCli(home);
    }

    @AfterEach
    void tearDown() {
        if (lpm != null) {
            lpm.close();
        }
    }

    @Test
    void aHomeOwnedByAnotherUserIsRefusedAndItsPlantedCommandNeverRuns() throws Exception {
        try (Stream<Path> all = Files.walk(home)) {
            for (Path path : all.toList()) {
                Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
        }
        LpmCli.Result daemon = lpm.run(Duration.ofSeconds(60), "daemon");
        assertThat(daemon.exit()).as(daemon.toString()).isEqualTo(1);
        assertThat(daemon.err()).contains("LPM_HOME " + home + " is not safe to use")
                .contains(home + " belongs to uid 65534, not to you (uid 0)")
                .contains("chown -R 0 " + home)
                .doesNotContain("Exception");
        LpmCli.Result list = lpm.run(Duration.ofSeconds(60), "list");
        assertThat(list.exit()).as(list.toString()).isEqualTo(1);
        assertThat(list.err()).contains("is not safe to use");
        assertThat(marker).as("the planted command").doesNotExist();
        assertThat(home.resolve("lpm.sock")).doesNotExist();
        assertThat(home.resolve("logs")).doesNotExist();
    }

    @Test
    void aLogsDirectoryLinkedElsewhereIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("lpmtest-elsewhere"));
        Files.createSymbolicLink(home.resolve("logs"), elsewhere);
        LpmCli.Result daemon = lpm.run(Duration.ofSeconds(60), "daemon");
        assertThat(daemon.exit()).as(daemon.toString()).isEqualTo(1);
        assertThat(daemon.err()).contains(home.resolve("logs") + " is a symbolic link")
                .contains("rm " + home.resolve("logs"));
        LpmCli.Result started = lpm.run(Duration.ofSeconds(60), "start", "lpmtest-planted");
        assertThat(started.exit()).as(started.toString()).isEqualTo(1);
        assertThat(started.err()).contains("is a symbolic link");
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).as("files written through the link").isEmpty();
        }
        assertThat(marker).as("the planted command").doesNotExist();
    }

    /** The control: the same services.json in a home of root's own is run, so the refusals above are real. */
    @Test
    void theSameHomeOwnedByTheUserRunsTheService() throws Exception {
        Process daemon = lpm.startDaemon(tmp.resolve("lpmtest-daemon.log"));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(marker) || !daemon.isAlive());
            assertThat(marker).as("daemon log: %s", Files.exists(tmp.resolve("lpmtest-daemon.log"))
                    ? Files.readString(tmp.resolve("lpmtest-daemon.log")) : "none").exists();
        } finally {
            lpm.close();
            daemon.destroy();
        }
    }
}

package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.testsupport.LpmCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lpm open}, {@code lpm show} and {@code lpm} without a display, against the packaged jar. */
class OpenAndShowIT {

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    LpmCli lpm;

    @BeforeEach
    void setUp() {
        lpm = new LpmCli(home);
    }

    @AfterEach
    void tearDown() {
        lpm.close();
    }

    @Test
    void openHandsTheServiceUrlToTheBrowserCommand() throws Exception {
        assertThat(lpm.run("alias", "lpmtest-docs", "4999").exit()).isZero();
        Path opened = scratch.resolve("opened.txt");
        // A stand-in browser: records the URL it was asked to open.
        Map<String, String> env = Map.of("LPM_BROWSER", "printf '%s\\n' >> " + opened);

        LpmCli.Result result = lpm.run(env, Duration.ofSeconds(60), "open", "lpmtest-docs");

        assertThat(result.exit()).as(result.toString()).isZero();
        String url = "http://lpmtest-docs.localhost:" + lpm.proxyPort();
        assertThat(result.out()).contains("opened " + url);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(opened));
        assertThat(Files.readAllLines(opened)).containsExactly(url);
    }

    @Test
    void openSaysWhatIsWrongWhenTheBrowserFailsOrTheServiceIsUnknown() {
        assertThat(lpm.run("alias", "lpmtest-docs", "4999").exit()).isZero();
        LpmCli.Result failing = lpm.run(Map.of("LPM_BROWSER", "false"), Duration.ofSeconds(60), "open", "lpmtest-docs");
        assertThat(failing.exit()).isEqualTo(1);
        assertThat(failing.err()).contains("could not open http://lpmtest-docs.localhost:").contains("LPM_BROWSER");

        LpmCli.Result unknown = lpm.run("open", "lpmtest-nothing");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("lpmtest-nothing");
    }

    @Test
    void showNeedsARunningDesktopApp() {
        LpmCli.Result none = lpm.run("show");
        assertThat(none.exit()).as(none.toString()).isEqualTo(1);
        assertThat(none.err()).contains("not running").contains("lpm");
        assertThat(lpm.daemon()).as("show does not start a headless daemon").isEmpty();

        assertThat(lpm.run("alias", "lpmtest-docs", "4999").exit()).isZero(); // starts the headless daemon
        LpmCli.Result headless = lpm.run("show");
        assertThat(headless.exit()).as(headless.toString()).isEqualTo(1);
        assertThat(headless.err()).contains("headless daemon").contains("has no window");
    }

    @Test
    void theDesktopAppWithoutADisplaySaysWhatToRunInstead() {
        LpmCli.Result result = lpm.run(Map.of("DISPLAY", "", "WAYLAND_DISPLAY", ""), Duration.ofSeconds(60));
        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("no display").contains("lpm daemon");
        assertThat(lpm.daemon()).isEmpty();
    }
}

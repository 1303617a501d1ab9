package dev.lpm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemBrowserTest {

    @TempDir
    Path dir;

    @Test
    void eachPlatformHasItsOpener() {
        String url = "http://api.localhost:1355";
        assertThat(new SystemBrowser(Map.of(), "Linux").commandFor(url)).containsExactly("xdg-open", url);
        assertThat(new SystemBrowser(Map.of(), "Mac OS X").commandFor(url)).containsExactly("open", url);
        assertThat(new SystemBrowser(Map.of(), "Windows 11").commandFor(url))
                .containsExactly("rundll32", "url.dll,FileProtocolHandler", url);
    }

    @Test
    void lpmBrowserGetsTheUrlAsOneArgumentEvenWithShellCharacters() throws Exception {
        Path opened = dir.resolve("opened");
        SystemBrowser browser = new SystemBrowser(Map.of("LPM_BROWSER", "printf '%s' >" + opened), "Linux");
        browser.open(URI.create("http://api.localhost:1355/a?b=1&c=$(touch%20x)"));
        assertThat(Files.readString(opened)).isEqualTo("http://api.localhost:1355/a?b=1&c=$(touch%20x)");
    }

    @Test
    void aFailingOpenerIsReportedWithWhatToDo() {
        SystemBrowser browser = new SystemBrowser(Map.of("LPM_BROWSER", "exit 3;"), "Linux");
        assertThatThrownBy(() -> browser.open(URI.create("http://api.localhost:1355")))
                .isInstanceOf(BrowserLauncher.BrowserUnavailableException.class)
                .hasMessageContaining("exit 3").hasMessageContaining("xdg-utils");
    }

    @Test
    void onlyWebUrlsAreOpened() {
        SystemBrowser browser = new SystemBrowser(Map.of("LPM_BROWSER", "true"), "Linux");
        assertThatThrownBy(() -> browser.open(URI.create("file:///etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file:///etc/passwd");
    }
}

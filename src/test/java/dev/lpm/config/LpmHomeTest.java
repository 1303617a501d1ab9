package dev.lpm.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LpmHomeTest {

    @Test
    void lpmHomeWinsEverywhere() {
        assertThat(LpmHome.fromEnvironment(Map.of("LPM_HOME", "/tmp/x"), "Linux", "/home/u").dir())
                .isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void platformDefaults() {
        assertThat(LpmHome.fromEnvironment(Map.of(), "Linux", "/home/u").dir())
                .isEqualTo(Path.of("/home/u/.local/state/lpm"));
        assertThat(LpmHome.fromEnvironment(Map.of("XDG_STATE_HOME", "/xdg"), "Linux", "/home/u").dir())
                .isEqualTo(Path.of("/xdg/lpm"));
        assertThat(LpmHome.fromEnvironment(Map.of(), "Mac OS X", "/Users/u").dir())
                .isEqualTo(Path.of("/Users/u/Library/Application Support/LocalPortManager"));
        assertThat(LpmHome.fromEnvironment(Map.of("LOCALAPPDATA", "/c/Local"), "Windows 11", "/c/u").dir())
                .isEqualTo(Path.of("/c/Local/LocalPortManager"));
    }
}

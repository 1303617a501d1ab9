package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lpm autostart on|off|status} against the packaged jar, with its own XDG_CONFIG_HOME: the XDG
 * autostart entry appears as a valid desktop entry whose Exec starts lpm, and disappears again.
 */
class AutostartIT {

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    LpmCli lpm;
    Path config;
    Path entry;
    Path bin;
    Path ran;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        lpm = new LpmCli(home);
        config = scratch.resolve("config");
        entry = config.resolve("autostart/lpm.desktop");
        // An `lpm` on the PATH (as /usr/bin/lpm is after installing the package) that records its start.
        bin = Files.createDirectories(scratch.resolve("bin"));
        ran = scratch.resolve("ran.txt");
        Path fakeLpm = bin.resolve("lpm");
        Files.writeString(fakeLpm, "#!/bin/sh\necho \"started with $# arguments\" >> '" + ran + "'\n");
        Files.setPosixFilePermissions(fakeLpm, PosixFilePermissions.fromString("rwxr-xr-x"));
        env = new LinkedHashMap<>();
        env.put("XDG_CONFIG_HOME", config.toString());
        env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    @AfterEach
    void tearDown() {
        lpm.close();
    }

    private LpmCli.Result autostart(String... action) {
        String[] args = new String[action.length + 1];
        args[0] = "autostart";
        System.arraycopy(action, 0, args, 1, action.length);
        LpmCli.Result result = lpm.run(env, Duration.ofSeconds(60), args);
        assertThat(result.exit()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void onWritesADesktopEntryThatStartsLpmAndOffRemovesIt() throws Exception {
        assertThat(autostart().out()).contains("lpm does not start at login (" + entry + ")");
        assertThat(autostart("status").out()).contains("does not start at login");
        assertThat(entry).doesNotExist();

        assertThat(autostart("on").out()).contains("lpm starts at login (" + entry + ")");
        assertThat(entry).isRegularFile();
        Map<String, String> keys = parseDesktopEntry(Files.readAllLines(entry));
        assertThat(keys).containsEntry("Type", "Application").containsEntry("Name", "LocalPortManager")
                .containsEntry("Terminal", "false").containsKey("Exec");
        assertThat(keys.get("Exec")).isEqualTo(bin.resolve("lpm").toString());
        validateWithDesktopFileValidate();

        // What the session does at login: run Exec (no field codes, no quoting needed here).
        Process login = new ProcessBuilder("sh", "-c", keys.get("Exec")).redirectErrorStream(true).start();
        assertThat(login.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(login.exitValue()).isZero();
        assertThat(Files.readAllLines(ran)).containsExactly("started with 0 arguments"); // no args: the desktop app

        assertThat(autostart("status").out()).contains("lpm starts at login");
        assertThat(autostart("on").out()).as("on twice").contains("lpm starts at login");
        assertThat(Files.list(entry.getParent())).as("no temp files left").containsExactly(entry);

        assertThat(autostart("off").out()).contains("lpm does not start at login (" + entry + ")");
        assertThat(entry).doesNotExist();
        assertThat(autostart("off").out()).as("off twice").contains("does not start at login");
        assertThat(lpm.daemon()).as("autostart needs no instance").isEmpty();
    }

    @Test
    void withoutLpmOnThePathTheEntryRunsLpmByName() throws Exception {
        env.put("PATH", Files.createDirectories(scratch.resolve("empty")).toString());
        autostart("on");
        assertThat(parseDesktopEntry(Files.readAllLines(entry))).containsEntry("Exec", "lpm");
        autostart("off");
        assertThat(entry).doesNotExist();
    }

    /** A minimal Desktop Entry parser that fails on what desktop-file-validate would call an error. */
    private static Map<String, String> parseDesktopEntry(List<String> lines) {
        assertThat(lines).isNotEmpty();
        assertThat(lines.getFirst()).isEqualTo("[Desktop Entry]");
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            assertThat(line).as("key=value line").matches("[A-Za-z0-9-]+(\\[[^]]+])?=.*");
            String key = line.substring(0, line.indexOf('='));
            assertThat(keys).as("duplicate key " + key).doesNotContainKey(key);
            keys.put(key, line.substring(line.indexOf('=') + 1));
        }
        return keys;
    }

    private void validateWithDesktopFileValidate() throws Exception {
        Path validator = Requirements.which("desktop-file-validate");
        if (validator == null) {
            return; // optional (desktop-file-utils); the parser above checks the structure
        }
        Process process = new ProcessBuilder(validator.toString(), entry.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isZero();
    }
}

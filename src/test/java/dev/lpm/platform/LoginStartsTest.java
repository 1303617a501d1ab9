package dev.lpm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginStartsTest {

    @TempDir
    Path dir;

    @Test
    void xdgEntryAppearsAsAValidDesktopEntryAndDisappears() throws Exception {
        Path config = dir.resolve("config");
        LoginStart start = XdgAutostart.forUser(Map.of("XDG_CONFIG_HOME", config.toString()), "/nonexistent",
                "/opt/localportmanager/bin/LocalPortManager");
        Path entry = config.resolve("autostart/lpm.desktop");
        assertThat(start.location()).isEqualTo(entry.toString());
        assertThat(start.enabled()).isFalse();

        start.setEnabled(true);
        assertThat(start.enabled()).isTrue();
        List<String> lines = Files.readAllLines(entry);
        assertThat(lines.getFirst()).isEqualTo("[Desktop Entry]");
        assertThat(lines).contains("Type=Application", "Name=LocalPortManager",
                "Exec=/opt/localportmanager/bin/LocalPortManager", "X-GNOME-Autostart-enabled=true");
        assertThat(lines.stream().skip(1).filter(line -> !line.isBlank()))
                .allMatch(line -> line.matches("[A-Za-z0-9-]+=.*"), "key=value lines");
        Path validator = dev.lpm.testsupport.Requirements.which("desktop-file-validate");
        if (validator != null) {
            Process check = new ProcessBuilder(validator.toString(), entry.toString()).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes());
            assertThat(check.waitFor()).as(output).isZero();
        }

        start.setEnabled(false);
        assertThat(start.enabled()).isFalse();
        assertThat(entry).doesNotExist();
        start.setEnabled(false); // off twice is fine
    }

    @Test
    void xdgDefaultsToDotConfigAndQuotesPathsWithSpaces() {
        XdgAutostart start = XdgAutostart.forUser(Map.of("XDG_CONFIG_HOME", "relative"), "/home/ann", "/opt/my apps/lpm");
        assertThat(start.location()).isEqualTo("/home/ann/.config/autostart/lpm.desktop");
        assertThat(start.desktopEntry()).contains("Exec=\"/opt/my apps/lpm\"\n");
    }

    @Test
    void launchAgentPlistStartsTheLauncherAtLoad() throws Exception {
        MacLaunchAgent agent = new MacLaunchAgent(dir.resolve("LaunchAgents/dev.lpm.LocalPortManager.plist"),
                "/Applications/LocalPortManager.app/Contents/MacOS/LocalPortManager");
        agent.setEnabled(true);
        String plist = Files.readString(Path.of(agent.location()));
        assertThat(plist).contains("<key>Label</key>\n    <string>dev.lpm.LocalPortManager</string>")
                .contains("<string>/Applications/LocalPortManager.app/Contents/MacOS/LocalPortManager</string>")
                .contains("<key>RunAtLoad</key>\n    <true/>");
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.newDocumentBuilder().parse(Path.of(agent.location()).toFile()); // well-formed
        assertThat(agent.enabled()).isTrue();
        agent.setEnabled(false);
        assertThat(agent.enabled()).isFalse();
        assertThat(MacLaunchAgent.forUser("/Users/ann", "x").location())
                .isEqualTo("/Users/ann/Library/LaunchAgents/dev.lpm.LocalPortManager.plist");
    }

    @Test
    void windowsRunKeyUsesRegWithAQuotedProgram() throws Exception {
        List<List<String>> ran = new ArrayList<>();
        boolean[] present = {false};
        CommandRunner reg = command -> {
            ran.add(command);
            switch (command.get(1)) {
                case "add" -> present[0] = true;
                case "delete" -> present[0] = false;
                default -> { }
            }
            return command.get(1).equals("query") && !present[0] ? 1 : 0;
        };
        WindowsRunKey key = new WindowsRunKey("C:\\Program Files\\LocalPortManager\\LocalPortManager.exe", reg);
        assertThat(key.enabled()).isFalse();
        key.setEnabled(true);
        assertThat(ran).contains(List.of("reg", "add", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
                "/v", "LocalPortManager", "/t", "REG_SZ", "/d",
                "\"C:\\Program Files\\LocalPortManager\\LocalPortManager.exe\"", "/f"));
        assertThat(key.enabled()).isTrue();
        key.setEnabled(false);
        assertThat(ran.getLast()).isEqualTo(List.of("reg", "delete",
                "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "/v", "LocalPortManager", "/f"));
        assertThat(key.enabled()).isFalse();
    }

    @Test
    void platformPicksItsImplementation() {
        assertThat(LoginStarts.forPlatform("Linux", Map.of(), "/home/ann", "lpm")).isInstanceOf(XdgAutostart.class);
        assertThat(LoginStarts.forPlatform("Mac OS X", Map.of(), "/Users/ann", "lpm")).isInstanceOf(MacLaunchAgent.class);
        assertThat(LoginStarts.forPlatform("Windows 11", Map.of(), "C:\\Users\\ann", "lpm")).isInstanceOf(WindowsRunKey.class);
    }
}

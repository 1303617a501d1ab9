package dev.lpm.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.audit.listeners.ListenerFinding;
import dev.lpm.core.Finding;
import dev.lpm.core.PortExposure;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Severity;
import dev.lpm.testsupport.Requirements;
import dev.lpm.ui.DesktopApp;
import dev.lpm.ui.FakeDesktopBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes docs/main-window*.png from a realistic instance (services, an active VPN, a blocked container,
 * findings). Run with {@code -Dlpm.screenshots=true}; add {@code -Dlpm.theme=dark} for the dark theme.
 */
@EnabledIfSystemProperty(named = "lpm.screenshots", matches = "true")
class MainWindowScreenshotTest {

    private DesktopApp app;

    @AfterEach
    void cleanUp() throws TimeoutException {
        if (app != null) {
            app.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void writesScreenshotsOfEveryPage() throws Exception {
        Requirements.requireDisplay();
        FxToolkit.registerPrimaryStage();
        FakeDesktopBackend backend = populated();
        app = DesktopApp.start(backend, new RecordingBrowser(), true);
        backend.setVpn(SampleData.VPN_UP);
        Instant now = Instant.now();
        for (int i = 0; i < 8; i++) {
            backend.publish(new LpmEvent.ProxyRequest(i % 3 == 0 ? "POST" : "GET", "/api/items/" + i, "HTTP/1.1",
                    i % 2 == 0 ? "api" : "web", i == 5 ? 502 : 200, 3 + i * 7L, i > 3, now.plusSeconds(i)));
        }
        WaitForAsyncUtils.asyncFx(() -> {
            app.stage().setWidth(1200);
            app.stage().setHeight(760);
        }).get();

        String suffix = "dark".equals(System.getProperty("lpm.theme")) ? "-dark" : "";
        shoot(MainWindow.Page.DASHBOARD, "main-window" + suffix + ".png");
        shoot(MainWindow.Page.SERVICES, "main-window-services" + suffix + ".png");
        shoot(MainWindow.Page.BLOCKED, "main-window-blocked" + suffix + ".png");
        shoot(MainWindow.Page.FINDINGS, "main-window-findings" + suffix + ".png");
    }

    private void shoot(MainWindow.Page page, String file) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.window().select(page)).get();
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> app.stage().getScene().snapshot(null)).get();
        Path out = Path.of("docs", file);
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(Files.size(out)).isGreaterThan(10_000);
    }

    private static FakeDesktopBackend populated() throws IOException {
        FakeDesktopBackend backend = new FakeDesktopBackend();
        Instant now = Instant.now();
        backend.update(service("api", "node server.js --port {port}", 4000, ServiceFlags.NONE, ServiceState.RUNNING,
                now.minus(Duration.ofMinutes(134))));
        Service web = service("web", "npm run dev -- --port {port}", 4001, ServiceFlags.NONE, ServiceState.RUNNING,
                now.minus(Duration.ofMinutes(12)));
        PortExposure everywhere = PortExposure.of(List.of("0.0.0.0")).orElseThrow();
        backend.update(web.withStatus(web.status().withExposure(everywhere)));
        backend.update(service("grafana", "docker run -p {port}:3000 grafana/grafana", 4002,
                new ServiceFlags(false, true, false), ServiceState.RUNNING, now.minus(Duration.ofSeconds(47))));
        backend.update(service("docs", "mkdocs serve -a 127.0.0.1:{port}", 4003,
                new ServiceFlags(true, false, false), ServiceState.STOPPED, now.minus(Duration.ofHours(3))));
        backend.update(service("worker", "python worker.py {port}", 4004, ServiceFlags.NONE, ServiceState.CRASHED,
                now.minus(Duration.ofMinutes(2))));
        backend.blocked.add(SampleData.block("3f9c2a71b4d0", "legacy-nginx"));
        backend.findings.add(ListenerFinding.check("web", web.spec().command(), 4001, everywhere, true).orElseThrow());
        backend.findings.addAll(List.of(
                new Finding("privileged", "CIS 5.5", Severity.CRITICAL, "legacy-nginx", "HostConfig.Privileged = true",
                        "A privileged container can take over the host.", "remove --privileged"),
                new Finding("engine-socket-mount", "CIS 5.32", Severity.CRITICAL, "grafana",
                        "Mounts /var/run/docker.sock", "Whoever controls the socket controls the host.",
                        "do not mount /var/run/docker.sock"),
                new Finding("root-user", "CIS 4.1", Severity.MEDIUM, "grafana", "Config.User = \"\"",
                        "A process breaking out runs as root.", "--user 1000:1000"),
                new Finding("latest-tag", "", Severity.LOW, "grafana", "Config.Image = grafana/grafana",
                        "The image can change under you.", "pin a version: grafana/grafana:11.2.0"),
                new Finding("api-tcp", "CIS 2.6", Severity.HIGH, Finding.ENGINE, "-H tcp://0.0.0.0:2375",
                        "Anyone on the network can run containers.", "remove the tcp:// host from daemon.json")));
        backend.problems.add("Docker API guard is not running: services see the engine's own socket");
        return backend;
    }

    private static Service service(String name, String command, int port, ServiceFlags flags, ServiceState state,
                                   Instant since) {
        return new Service(new ServiceSpec(dev.lpm.core.ServiceName.of(name), command, port, flags, null, Map.of(),
                since, state == ServiceState.RUNNING), new ServiceStatus(state, state == ServiceState.CRASHED
                ? "exited with code 1" : "", since, state == ServiceState.RUNNING ? 1000L + port : null, null, 0));
    }
}

package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real browser through the proxy: Debian's Chromium (headless, driven by playwright-core) opens
 * {@code NAME.localhost:PORT} of a Vite dev server registered with lpm, the page renders, and Vite's HMR
 * WebSocket runs through the proxy: a module edited on disk shows on the page without a reload (the marker
 * the first load set on window is still there, and the browser navigated once). The instance runs as a
 * normal user; Vite runs as that user under lpm; Chromium resolves *.localhost to loopback by itself. All
 * three run in a network namespace of the test's own ({@code lpmtest-browser-*}) with only loopback.
 */
class BrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pinned: Vite 8 needs node 20.19 or later. Installed once into target/browser-it. */
    private static final String VITE = "vite@8.4.1";
    private static final String PLAYWRIGHT = "playwright-core@1.65.2";
    private static final String SERVICE = "lpmtest-browser";

    /**
     * How the browser reaches the proxy: plain HTTP/1.1, or HTTPS over h2 with LPM_HOME/tls/ca.pem in the
     * browser's NSS db (HMR's WebSocket then goes over wss).
     */
    enum Scheme {
        HTTP("http", "ws", "http/1.1", false),
        HTTPS("https", "wss", "h2", true);

        final String web;
        final String socket;
        final String protocol;
        final boolean trustsLpmCa;

        Scheme(String web, String socket, String protocol, boolean trustsLpmCa) {
            this.web = web;
            this.socket = socket;
            this.protocol = protocol;
            this.trustsLpmCa = trustsLpmCa;
        }
    }

    private NetworkNamespace machine;
    private UserInstance lpm;
    private Path browserHome;

    @AfterEach
    void tearDown() throws IOException {
        try {
            if (lpm != null) {
                lpm.close(); // the daemon and Vite with it
            }
        } finally {
            try {
                if (machine != null) {
                    machine.close();
                }
            } finally {
                if (browserHome != null) {
                    deleteTree(browserHome);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void chromiumRendersAViteAppThroughTheProxyAndHotModuleReplacementWorks(Scheme scheme) throws Exception {
        Requirements.requireRoot();
        Path chromium = Requirements.which("chromium");
        Requirements.require(chromium != null, "needs Chromium: apt-get install chromium");
        requireNode();
        if (scheme.trustsLpmCa) {
            Requirements.requireCommand("certutil", "libnss3-tools");
        }
        Path npm = npmPackages();

        lpm = UserInstance.create("lpmtest-browser");
        Path app = lpm.work().resolve("app");
        writeApp(app, npm.resolve("node_modules"));
        run(Duration.ofSeconds(30), "chown", "-R", lpm.user().name() + ":" + lpm.user().name(), app.toString());
        // Chromium drops requests in flight (ERR_NETWORK_CHANGED) when an interface of its network namespace
        // changes, as other tests' namespaces and containers do on the host: the daemon, Vite and the browser
        // get a namespace of their own with only loopback in it.
        machine = NetworkNamespace.create("browser");
        lpm.startDaemon(machine.enter(), Map.of("JAVA_TOOL_OPTIONS", "-Duser.home=" + lpm.work()));
        LpmCli cli = lpm.cli();
        LpmCli.Result registered = cli.run(Duration.ofSeconds(90), "register", SERVICE, "--cwd", app.toString(),
                "--start-timeout", "60s", "--", Requirements.which("node").toString(),
                app.resolve("node_modules/vite/bin/vite.js").toString(), "--port", "{port}", "--strictPort",
                "--host", "127.0.0.1");
        assertThat(registered.exit()).as(registered + "\n" + lpm.log()).isZero();

        browserHome = Files.createTempDirectory("lpmtest-browser-home-");
        if (scheme.trustsLpmCa) {
            trust(lpm.home().resolve("tls/ca.pem"), browserHome);
        }
        String origin = SERVICE + ".localhost:" + cli.proxyPort();
        Path module = app.resolve("greeting.js");
        String config = JSON.writeValueAsString(Map.of("chromium", chromium.toString(), "home", browserHome.toString(),
                "url", scheme.web + "://" + origin + "/", "module", module.toString(),
                "from", "lpmtest says hello 1", "to", "lpmtest says hello 2"));
        Path driver = npm.resolve("hmr-check.mjs");
        try (InputStream in = Objects.requireNonNull(BrowserIT.class.getResourceAsStream("/browser/hmr-check.mjs"))) {
            Files.copy(in, driver, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> browser = new ArrayList<>(machine.enter());
        browser.addAll(List.of(Requirements.which("node").toString(), driver.toString(), config));
        String out = run(Duration.ofSeconds(90), browser.toArray(String[]::new));
        JsonNode seen = JSON.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("{}"));
        String context = out + "\n" + lpm.log();
        System.out.println("BrowserIT " + scheme + ": the browser saw " + seen);

        assertThat(seen.path("error").isMissingNode()).as(context).isTrue();
        assertThat(seen.path("before").path("text").asText()).as(context).isEqualTo("lpmtest says hello 1");
        assertThat(seen.path("before").path("protocol").asText()).as(context).isEqualTo(scheme.protocol);
        assertThat(seen.path("after").path("text").asText()).as(context).isEqualTo("lpmtest says hello 2");
        // The same document: the marker of the first load survived, and the browser navigated once.
        assertThat(seen.path("before").path("bootId").asText()).as(context).isNotEmpty()
                .isEqualTo(seen.path("after").path("bootId").asText());
        assertThat(seen.path("navigations").asInt()).as(context).isEqualTo(1);
        // The update came over the proxy: Vite's client falls back to its own port when the proxied socket
        // fails, so every socket must be the proxy's, and it must have carried frames.
        List<JsonNode> sockets = new ArrayList<>();
        seen.path("sockets").forEach(sockets::add);
        assertThat(sockets).as(context).isNotEmpty();
        assertThat(sockets).as(context).allSatisfy(s ->
                assertThat(s.path("url").asText()).startsWith(scheme.socket + "://" + origin + "/"));
        assertThat(sockets.getFirst().path("framesReceived").asInt()).as(context).isGreaterThanOrEqualTo(2);
        assertThat(seen.path("console").toString()).as(context).contains("[vite] hot updated: /greeting.js")
                .doesNotContain("fallback");
    }

    /** Vite 8 runs on node 20.19 or later (Debian 12's nodejs is 18). */
    private static void requireNode() throws Exception {
        String message = "needs node 20.19 or later and npm (Debian 12's nodejs package is too old for Vite 8)";
        Requirements.require(Requirements.which("node") != null && Requirements.which("npm") != null, message);
        Matcher version = Pattern.compile("v(\\d+)\\.(\\d+)").matcher(run(Duration.ofSeconds(20),
                Requirements.which("node").toString(), "--version"));
        Requirements.require(version.find() && (Integer.parseInt(version.group(1)) > 20
                || Integer.parseInt(version.group(1)) == 20 && Integer.parseInt(version.group(2)) >= 19), message);
    }

    /** Vite and playwright-core, installed once into target/browser-it (the pinned versions). */
    private static Path npmPackages() throws Exception {
        Path dir = LpmCli.packagedJar().getParent().resolve("browser-it");
        Path stamp = dir.resolve("installed");
        String wanted = VITE + " " + PLAYWRIGHT;
        if (!Files.exists(stamp) || !Files.readString(stamp).equals(wanted)) {
            Files.createDirectories(dir);
            run(Duration.ofSeconds(180), Requirements.which("npm").toString(), "install", "--no-audit", "--no-fund",
                    "--prefix", dir.toString(), VITE, PLAYWRIGHT);
            Files.writeString(stamp, wanted);
        }
        return dir;
    }

    /**
     * A small Vite app: main.js marks the document (window.__bootId) and imports greeting.js, which writes
     * the greeting and accepts its own hot updates. Vite's packages are copied in so the user can read them.
     */
    private static void writeApp(Path app, Path packages) throws Exception {
        Files.createDirectories(app);
        Files.writeString(app.resolve("index.html"), """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>lpmtest</title></head>
                <body><p id="out">loading</p><script type="module" src="/main.js"></script></body></html>
                """);
        Files.writeString(app.resolve("main.js"), """
                import './greeting.js';
                window.__bootId = crypto.randomUUID();
                """);
        Files.writeString(app.resolve("greeting.js"), """
                document.getElementById('out').textContent = 'lpmtest says hello 1';
                if (import.meta.hot) {
                  import.meta.hot.accept();
                }
                """);
        // Not playwright-core: only the browser's driver (run by the test) needs it.
        run(Duration.ofSeconds(60), "cp", "-a", packages.toString(), app.resolve("node_modules").toString());
        deleteTree(app.resolve("node_modules/playwright-core"));
    }

    /** An NSS db in {@code home}/.pki/nssdb, where Chromium on Linux reads the CAs it trusts, with the CA in it. */
    private static void trust(Path ca, Path home) throws Exception {
        assertThat(ca).as("lpm's CA").exists();
        Path db = home.resolve(".pki/nssdb");
        Files.createDirectories(db);
        run(Duration.ofSeconds(20), "certutil", "-N", "-d", "sql:" + db, "--empty-password");
        run(Duration.ofSeconds(20), "certutil", "-A", "-d", "sql:" + db, "-n", "lpmtest-browser CA", "-t", "C,,",
                "-i", ca.toString());
    }

    /** Runs a command to its end (output to a file: no thread reads a pipe); returns its output, fails on non-zero. */
    private static String run(Duration timeout, String... command) throws Exception {
        Path out = Files.createTempFile("lpmtest-browser-out", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

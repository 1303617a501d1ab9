package dev.lpm.platform;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The user's default browser: {@code LPM_BROWSER} when set (a command the URL is appended to; tests
 * and users with unusual setups), else the platform's opener ({@code xdg-open}, {@code open},
 * {@code rundll32 url.dll}). A plain process, not AWT's Desktop, so it works from the CLI without
 * loading a GUI toolkit.
 */
public final class SystemBrowser implements BrowserLauncher {

    /** Openers usually return at once; one that execs the browser itself keeps running, which is fine. */
    private static final long WAIT_SECONDS = 5;

    private final Map<String, String> env;
    private final String osName;

    public SystemBrowser() {
        this(System.getenv(), System.getProperty("os.name"));
    }

    SystemBrowser(Map<String, String> env, String osName) {
        this.env = env;
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    @Override
    public void open(URI url) {
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("only http and https URLs are opened, not " + url);
        }
        List<String> command = commandFor(url.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new BrowserUnavailableException("could not start " + command.getFirst() + " to open " + url + ": "
                    + e.getMessage() + "; " + hint());
        }
        try {
            if (process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) && process.exitValue() != 0) {
                throw new BrowserUnavailableException(command.getFirst() + " could not open " + url + " (exit "
                        + process.exitValue() + "); " + hint());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<String> commandFor(String url) {
        String custom = env.get("LPM_BROWSER");
        if (custom != null && !custom.isBlank()) {
            // Through sh so LPM_BROWSER may hold arguments ("firefox --new-tab"); the URL is one argument.
            return List.of("/bin/sh", "-c", custom + " \"$1\"", "lpm-browser", url);
        }
        if (osName.contains("mac")) {
            return List.of("open", url);
        }
        if (osName.contains("win")) {
            return List.of("rundll32", "url.dll,FileProtocolHandler", url);
        }
        return List.of("xdg-open", url);
    }

    private String hint() {
        if (osName.contains("mac") || osName.contains("win")) {
            return "set LPM_BROWSER to the browser command";
        }
        return "install xdg-utils (apt-get install xdg-utils) or set LPM_BROWSER to the browser command";
    }
}

package dev.lpm.cli;

import dev.lpm.control.ControlRequest;
import dev.lpm.platform.BrowserLauncher;
import dev.lpm.platform.SystemBrowser;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "open", description = "Open a service's address (http://NAME.localhost:1355, https:// once lpm's CA is trusted: see"
        + " urlScheme) in the default browser,"
        + " as a click in the tray does. LPM_BROWSER overrides the browser command.")
final class OpenCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    private final BrowserLauncher browser;

    OpenCommand() {
        this(new SystemBrowser());
    }

    OpenCommand(BrowserLauncher browser) {
        this.browser = browser;
    }

    @Override
    public Integer call() {
        var data = Instance.require(spec.commandLine().getErr()).call(new ControlRequest.Url(name));
        String url = data.get("url").asText();
        try {
            browser.open(URI.create(url));
        } catch (BrowserLauncher.BrowserUnavailableException e) {
            throw new CliException(e.getMessage());
        }
        spec.commandLine().getOut().println("opened " + url);
        return 0;
    }
}

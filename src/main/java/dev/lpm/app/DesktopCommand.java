package dev.lpm.app;

import dev.lpm.config.LpmHome;
import dev.lpm.config.UntrustedHomeException;
import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlException;
import dev.lpm.control.ControlRequest;
import dev.lpm.platform.BrowserLauncher;
import dev.lpm.platform.FirstRunCheck;
import dev.lpm.platform.FirstRunChecks;
import dev.lpm.platform.LoginStart;
import dev.lpm.platform.LoginStarts;
import dev.lpm.platform.SystemBrowser;
import dev.lpm.proxy.ProxyPortInUseException;
import dev.lpm.ui.DesktopUi;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lpm} without a subcommand: the desktop app, i.e. the same instance as {@code lpm daemon}
 * plus the tray, the window and notifications. A second launch brings the running window to the front.
 */
@Command(name = "desktop", hidden = true)
final class DesktopCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LpmHome home;
        try {
            home = LpmHome.fromEnvironment().verified(); // before its socket is trusted to be lpm's
        } catch (UntrustedHomeException e) {
            err.println("lpm: " + e.getMessage());
            return 1;
        }
        ControlClient running = new ControlClient(home.controlSocket());
        if (running.isAvailable()) {
            return showRunning(running, out, err);
        }
        String noDisplay = DesktopUi.whyNoDisplay(System.getenv(), System.getProperty("os.name"));
        if (noDisplay != null) {
            err.println("lpm: " + noDisplay + "; run the headless instance with: lpm daemon");
            return 1;
        }
        Lpm lpm;
        try {
            // The port comes from LPM_PROXY_PORT or settings.json: `lpm` takes no options.
            lpm = Lpm.start(home, Clock.systemUTC(), null);
        } catch (InstanceLock.AlreadyRunningException e) {
            // Started between our check and the lock: that one wins.
            return showRunning(running, out, err);
        } catch (ProxyPortInUseException | IllegalArgumentException | UntrustedHomeException e) {
            err.println("lpm: " + e.getMessage());
            return 1;
        }
        BoundedShutdown.install(lpm);
        DesktopUi ui = startUi(lpm, new SystemBrowser(), Optional.ofNullable(System.getenv("DBUS_SESSION_BUS_ADDRESS")),
                LoginStarts.forThisPlatform());
        out.println("LocalPortManager running (pid " + ProcessHandle.current().pid() + ", LPM_HOME " + home + "); "
                + ui.trayStatus());
        out.flush();
        lpm.awaitClosed();
        return 0;
    }

    /** The UI over a running instance; quitting from it closes the instance. Also used by the desktop tests. */
    static DesktopUi startUi(Lpm lpm, BrowserLauncher browser, Optional<String> sessionBus, LoginStart loginStart)
            throws IOException {
        FirstStart firstStart = new FirstStart(lpm.home().dir().resolve(FirstStart.MARKER));
        Optional<Supplier<List<FirstRunCheck>>> welcome = firstStart.isFirst()
                ? Optional.of(() -> new FirstRunChecks(System.getenv()).run()) : Optional.empty();
        DesktopUi ui = DesktopUi.start(new LpmDesktopBackend(lpm, lpm::close), browser, sessionBus, loginStart, welcome);
        firstStart.markDone();
        lpm.onShowRequest(ui.app()::showWindow);
        lpm.onTrayKnown(ui.trayKind());
        return ui;
    }

    private static int showRunning(ControlClient running, PrintWriter out, PrintWriter err) {
        try {
            var data = running.call(new ControlRequest.Show());
            out.println("LocalPortManager is already running (pid " + data.get("pid").asLong()
                    + "); brought its window to the front");
            return 0;
        } catch (ControlException e) {
            err.println("lpm: " + e.getMessage());
            return 1;
        }
    }
}

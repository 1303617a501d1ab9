package dev.lpm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.control.ControlRequest;
import dev.lpm.control.ServiceView;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.run.RunName;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
        "Run a dev server in the foreground under a NAME.localhost address, for as long as this command runs:"
                + " its output here, the proxy route and the kill switch as for any registered service. Ctrl-C (or"
                + " closing the terminal) stops its whole process tree, frees its port and drops the name.",
        "The name is --name, else package.json's name (without its @scope/), else the directory's; in a git"
                + " worktree other than the main one the branch comes first (fix-login-web).",
        "Vite, Astro, Angular (ng serve), React Router, Expo and React Native (Metro) ignore PORT: lpm adds"
                + " their --port and --host, also behind npm run / pnpm / yarn / bun scripts. Other commands get"
                + " $PORT, and {port} in the command is replaced by the port.",
        "Example: lpm run npm run dev",
        "Example: lpm run --name api -- node server.js"})
final class RunCommand implements Callable<Integer> {

    /** How long Ctrl-C waits for the instance to confirm the stop (longer than the default stop grace). */
    private static final long STOP_WAIT_SECONDS = 30;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", description = "the service's name (default: inferred, see above)")
    String name;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the command that starts the dev server")
    List<String> command;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        String serviceName = name != null ? ServiceName.of(name).value() : RunName.infer(cwd).value();
        boolean afterDoubleDash = spec.commandLine().getParseResult().originalArgs().contains("--");
        // The user's PATH, so the node, npm or python this terminal finds is the one that runs.
        String path = System.getenv("PATH");
        var request = new ControlRequest.Run(serviceName, CommandWords.toShell(command, afterDoubleDash),
                cwd.toString(), path == null ? Map.of() : Map.of("PATH", path));
        AtomicReference<ServiceView> ended = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C: tell the instance we are done (half-close) and wait until it says the service is gone.
            Runnable halfClose = hangUp.get();
            if (halfClose != null) {
                halfClose.run();
                try {
                    done.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "lpm-run-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Instance.require(err).stream(request, data -> show(data, out, err, ended), hangUp::set);
        } finally {
            done.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for us
        }
        ServiceView last = ended.get();
        if (last == null || last.state() == ServiceState.STOPPED) {
            return 0;
        }
        return last.exitCode() != null && last.exitCode() != 0 ? last.exitCode() : 1;
    }

    private final AtomicReference<Runnable> hangUp = new AtomicReference<>();

    private ServiceView previous;

    private void show(JsonNode data, PrintWriter out, PrintWriter err, AtomicReference<ServiceView> ended) {
        if (data.has("lines")) {
            data.get("lines").forEach(line -> out.println(line.asText()));
            out.flush();
            return;
        }
        if (data.has("service")) {
            ServiceView service = Output.service(data.get("service"));
            if (data.hasNonNull("framework")) {
                err.println("lpm: " + data.get("framework").asText() + " ignores PORT; running: " + service.command());
            }
            if (data.hasNonNull("portWarning")) {
                err.println("lpm: note: " + data.get("portWarning").asText());
            }
            if (previous == null) {
                err.println("lpm: " + service.name() + " on port " + service.port() + " -> " + service.url());
            } else if (service.state() != previous.state()) {
                err.println("lpm: " + Output.stateLine(service)
                        + (service.state() == ServiceState.RUNNING ? "  " + service.url() : ""));
            }
            previous = service;
            err.flush();
            return;
        }
        if (data.has("ended")) {
            JsonNode view = data.get("ended");
            if (!view.isNull()) {
                ServiceView service = Output.service(view);
                ended.set(service);
                // A crash's reason also says when it would restart; a run does not restart, so its exit code says it.
                String why = service.state() == ServiceState.CRASHED && service.exitCode() != null
                        ? "exited with code " + service.exitCode() : service.reason();
                err.println("lpm: " + service.name() + " ended (" + why + "); its port "
                        + service.port() + " is free and the name is gone");
            }
            err.flush();
        }
    }
}

package dev.lpm.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.events.EventBus;
import dev.lpm.registry.Registration;
import dev.lpm.registry.UnknownServiceException;
import dev.lpm.service.ServiceManager;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One {@code POST /v1/runs}: a service registered for as long as its client stays connected (group
 * {@link ServiceSpec#RUN_GROUP}), started through the same {@link ServiceManager} path as any other (policy,
 * kill switch, proxy route), its output and state streamed as JSON lines. When the client closes or
 * half-closes the connection (Ctrl-C, a closed terminal, a killed CLI), or the process ends, the service is
 * unregistered: its process tree stopped, its port freed, its name gone; the last line says how it ended.
 *
 * <p>Lines: {@code {"service": VIEW}} on each state change (the first right after registering, so the client
 * knows its port and URL), {@code {"lines": [...]}} for output, and last {@code {"ended": VIEW}}.
 */
final class RunSession {

    private static final ObjectMapper MAPPER = Json.mapper();

    /** What the connection's thread waits for: a state change, the client hanging up, or the service removed. */
    private sealed interface Step {
        record Changed(Service service) implements Step {}
        record HungUp() implements Step {}
        record Removed() implements Step {}
        record StartFailed(String reason) implements Step {}
    }

    private final ServiceManager services;
    private final EventBus events;
    private final ExecutorService work;
    private java.util.concurrent.Future<?> starting;

    RunSession(ServiceManager services, EventBus events, ExecutorService work) {
        this.services = services;
        this.events = events;
        this.work = work;
    }

    void run(ControlRequest.Run request, ControlServer.ReplySink replies, ControlServer.PeerConnection peer)
            throws IOException {
        ServiceManager.Registered registered;
        try {
            registered = register(request);
        } catch (RuntimeException e) {
            if (!Failures.isUserError(e)) {
                throw e;
            }
            replies.send(ControlReply.failure(ApiError.fromRefusal(e)));
            return;
        }
        ServiceName name = registered.service().name();
        BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
        Service last = null;
        LogFollower output = new LogFollower(replies);
        try (EventBus.Subscription ignored = events.subscribe(event -> {
                 switch (event) {
                     case LpmEvent.ServiceOutput out when out.name().equals(name) -> output.offer(out.line());
                     case LpmEvent.ServiceChanged changed when changed.service().name().equals(name) ->
                             steps.offer(new Step.Changed(changed.service()));
                     case LpmEvent.ServiceRemoved removed when removed.name().equals(name) ->
                             steps.offer(new Step.Removed());
                     default -> { }
                 }
             })) {
            ObjectNode first = line("service", registered.service());
            if (registered.commandPort() != null && registered.commandPort().framework() != null) {
                first.put("framework", registered.commandPort().framework());
            }
            if (registered.commandPort() != null && registered.commandPort().warning() != null) {
                first.put("portWarning", registered.commandPort().warning());
            }
            replies.send(ControlReply.success(first));
            output.start();
            // A platform thread, like the connection's own: at most one per run, and it only waits on the socket.
            Thread.ofPlatform().daemon().name("lpm-run-hangup-" + name).start(() -> {
                peer.awaitHangUp();
                steps.offer(new Step.HungUp());
            });
            starting = work.submit(() -> {
                try {
                    services.start(name);
                } catch (RuntimeException e) {
                    steps.offer(new Step.StartFailed(e.getMessage()));
                }
            });
            last = follow(name, steps, replies);
        } finally {
            end(name, last, output, replies);
        }
    }

    private ServiceManager.Registered register(ControlRequest.Run request) {
        if (request.command() == null || request.command().isBlank()) {
            throw new IllegalArgumentException("the command is empty: give the command that starts the service");
        }
        if (request.workingDirectory() == null || !Path.of(request.workingDirectory()).isAbsolute()) {
            throw new IllegalArgumentException("workingDirectory must be an absolute path (where the command runs)");
        }
        ServiceName name = ServiceName.of(request.name());
        services.list().stream().filter(s -> s.name().equals(name)).findFirst().ifPresent(taken -> {
            throw new IllegalStateException("the name " + name + " is taken by " + describe(taken)
                    + "; choose another with --name, or stop that one first");
        });
        Map<String, String> environment = request.environment() == null ? Map.of() : request.environment();
        return services.register(new Registration(name, request.command(), null, ServiceFlags.NONE,
                Path.of(request.workingDirectory()), environment, null, null, ServiceSpec.RUN_GROUP), false);
    }

    private static String describe(Service taken) {
        ServiceSpec spec = taken.spec();
        String what = spec.isRun() ? "another lpm run" : spec.isAlias() ? "an alias for port " + spec.port()
                : spec.group() != null ? "a service of project " + spec.group() : "a registered service";
        return what + " (" + taken.state().label() + ", port " + spec.port() + ")";
    }

    /**
     * Streams state changes until the process ends, the service is removed or the client hangs up; returns the
     * state that ended it when the process did (crashed, blocked, stopped), else null.
     */
    private Service follow(ServiceName name, BlockingQueue<Step> steps, ControlServer.ReplySink replies)
            throws IOException {
        boolean launched = false;
        try {
            while (true) {
                Step step = steps.take();
                switch (step) {
                    case Step.HungUp h -> {
                        return null;
                    }
                    case Step.Removed r -> {
                        return null;
                    }
                    case Step.StartFailed failed -> {
                        replies.send(ControlReply.progress("could not start " + name + ": " + failed.reason()));
                        return null;
                    }
                    case Step.Changed changed -> {
                        ServiceState state = changed.service().state();
                        launched |= state == ServiceState.STARTING || state == ServiceState.RUNNING;
                        replies.send(ControlReply.success(line("service", changed.service())));
                        // A foreground run ends with its process: no restart behind the user's back.
                        if (state == ServiceState.CRASHED || state == ServiceState.BLOCKED
                                || launched && state == ServiceState.STOPPED) {
                            return changed.service();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Stops and forgets the service (if still there) and tells a client that still listens how it ended. */
    private void end(ServiceName name, Service endedBy, LogFollower output, ControlServer.ReplySink replies) {
        Service last = endedBy;
        try {
            // Stop first and unregister only once the start is over: a launch racing with the stop is then stopped
            // by the second stop, never left running under a name that no longer exists.
            services.stop(name);
            awaitStart();
            Service stopped = services.stop(name);
            services.unregister(name);
            last = last != null ? last : stopped;
        } catch (UnknownServiceException gone) {
            // removed by someone else (lpm unregister): already stopped
        }
        try {
            output.finish();
            ObjectNode ended = MAPPER.createObjectNode();
            if (last != null) {
                ended.set("ended", view(last));
            } else {
                ended.putNull("ended");
            }
            replies.send(ControlReply.success(ended));
        } catch (IOException | RuntimeException e) {
            // the client is gone: nobody to tell
        }
    }

    private void awaitStart() {
        if (starting == null) {
            return;
        }
        try {
            starting.get(); // returns soon: the stop completed the readiness wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // reported as StartFailed already
        }
    }

    private ObjectNode line(String field, Service service) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set(field, view(service));
        return node;
    }

    private com.fasterxml.jackson.databind.JsonNode view(Service service) {
        return MAPPER.valueToTree(ServiceView.of(service, services.urlOf(service.name()), services.settings(), null));
    }
}

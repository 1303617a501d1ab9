package dev.lpm.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lpm.storage.Json;
import dev.lpm.testsupport.Requirements;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket on its own, with a handler that echoes the request it received; curl is the other client. */
class ControlSocketTest {

    @TempDir
    Path dir;

    private final ControlHandler echo = (request, replies, peer) -> {
        if (request instanceof ControlRequest.Logs logs) {
            for (int i = 0; i < logs.lines(); i++) {
                replies.send(ControlReply.success(JsonNodeFactory.instance.textNode("line " + i)));
            }
            return;
        }
        if (request instanceof ControlRequest.Stop stop) {
            replies.send(ControlReply.failure(ApiError.of(ApiError.Kind.NOT_FOUND, "no service named '" + stop.name() + "'")));
            return;
        }
        replies.send(ControlReply.success(JsonNodeFactory.instance.textNode(request.toString())));
    };

    @Test
    void requestsAndRepliesRoundTripOverAnOwnerOnlySocket() throws Exception {
        Path socket = dir.resolve("lpm.sock");
        try (ControlServer server = ControlServer.start(socket, echo)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            ControlClient client = new ControlClient(socket);
            assertThat(client.isAvailable()).isTrue();
            assertThat(client.call(new ControlRequest.Status()).asText()).isEqualTo("Status[]");
            assertThat(client.call(new ControlRequest.SetSetting("proxyPort", "a b/c")).asText())
                    .isEqualTo("SetSetting[key=proxyPort, value=a b/c]");
            assertThat(client.call(new ControlRequest.Resume("web/1 x")).asText()).isEqualTo("Resume[container=web/1 x]");

            List<String> streamed = new ArrayList<>();
            client.stream(new ControlRequest.Logs("api", 3, true), data -> streamed.add(data.asText()));
            assertThat(streamed).containsExactly("line 0", "line 1", "line 2");

            assertThatThrownBy(() -> client.call(new ControlRequest.Stop("x")))
                    .isInstanceOf(ControlException.class).hasMessage("no service named 'x'")
                    .satisfies(e -> assertThat(((ControlException) e).error().kind()).isEqualTo(ApiError.Kind.NOT_FOUND));
        }
        assertThat(socket).doesNotExist();
        assertThat(new ControlClient(socket).isAvailable()).isFalse();
    }

    @Test
    void everyRequestTypeGoesOverItsRouteAndArrivesTheSame() throws Exception {
        Path socket = dir.resolve("lpm.sock");
        List<ControlRequest> all = List.of(new ControlRequest.ListServices(),
                new ControlRequest.Register("web", "x {port}", 4000, true, false, true, true, "/tmp",
                        java.util.Map.of("A", "1"), java.time.Duration.ofSeconds(7), null, false, "shop"),
                new ControlRequest.GetService("web"), new ControlRequest.Unregister("web"), new ControlRequest.Start("web"),
                new ControlRequest.Stop("web"), new ControlRequest.Restart("web"), new ControlRequest.Logs("web", 5, false),
                new ControlRequest.Url("web"), new ControlRequest.Alias("db", 5432), new ControlRequest.Status(),
                new ControlRequest.Security(), new ControlRequest.TrustStatus(), new ControlRequest.DockerHost(), new ControlRequest.Show(),
                new ControlRequest.Unlock(), new ControlRequest.Blocked(), new ControlRequest.Resume("c1"),
                new ControlRequest.KillSwitch(null), new ControlRequest.KillSwitch(false), new ControlRequest.GetSettings(),
                new ControlRequest.SetSetting("killSwitch", "true"),
                new ControlRequest.Run("web", "vite", "/srv/web", java.util.Map.of("PATH", "/usr/bin")));
        List<ControlRequest> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ControlServer server = ControlServer.start(socket, (request, replies, peer) -> {
            received.add(request);
            replies.send(ControlReply.success(JsonNodeFactory.instance.nullNode()));
        })) {
            ControlClient client = new ControlClient(socket);
            for (ControlRequest request : all) {
                if (request instanceof ControlRequest.Logs || request instanceof ControlRequest.Run) {
                    client.stream(request, data -> { });
                } else {
                    client.call(request);
                }
            }
        }
        assertThat(received).containsExactlyElementsOf(all);
    }

    @Test
    void aClientThatHalfClosesStillReadsTheLastLines() throws Exception {
        Path socket = dir.resolve("lpm.sock");
        try (ControlServer server = ControlServer.start(socket, (request, replies, peer) -> {
            replies.send(ControlReply.success(JsonNodeFactory.instance.textNode("started")));
            peer.awaitHangUp(); // what a run does: serve until the client is done
            replies.send(ControlReply.success(JsonNodeFactory.instance.textNode("cleaned up")));
        })) {
            List<String> lines = new ArrayList<>();
            java.util.concurrent.atomic.AtomicReference<Runnable> halfClose = new java.util.concurrent.atomic.AtomicReference<>();
            new ControlClient(socket).stream(new ControlRequest.Run("web", "x", "/tmp", null), data -> {
                lines.add(data.asText());
                halfClose.get().run(); // as Ctrl-C does, after the first line
            }, halfClose::set);
            assertThat(lines).containsExactly("started", "cleaned up");
        }
    }

    @Test
    void curlGetsJsonTypedErrorsAndDefaultedFields() throws Exception {
        Requirements.requireCommand("curl", "curl");
        Path socket = dir.resolve("lpm.sock");
        try (ControlServer server = ControlServer.start(socket, echo)) {
            assertThat(curl(socket, "GET", "/v1/status", null)).isEqualTo("200 \"Status[]\"");
            // Only name and command: every flag false, keepIfBlocked true (no "Cannot map null into type boolean").
            assertThat(curl(socket, "POST", "/v1/services", "{\"name\":\"web\",\"command\":\"x\"}")).isEqualTo(
                    "200 \"Register[name=web, command=x, port=null, isolated=false, noKillSwitch=false, subdomains=false,"
                            + " noStart=false, workingDirectory=null, environment=null, startTimeout=null, stopGrace=null,"
                            + " keepIfBlocked=true, group=null]\"");
            assertThat(error(curl(socket, "POST", "/v1/services/x/stop", null))).isEqualTo("404 not-found no service named 'x'");
            assertThat(error(curl(socket, "GET", "/v1/nothing", null))).startsWith("404 not-found no route GET /v1/nothing");
            assertThat(error(curl(socket, "DELETE", "/v1/status", null))).startsWith("405 method-not-allowed");
            assertThat(error(curl(socket, "POST", "/v1/services", "not json"))).startsWith("400 bad-request the request body is not JSON");
            assertThat(error(curl(socket, "POST", "/v1/services", "[1]"))).startsWith("400 bad-request");
            assertThat(error(curl(socket, "PUT", "/v1/kill-switch", "{}"))).startsWith("400 bad-request");
            assertThat(error(curl(socket, "GET", "/v1/services/web/logs?lines=-3", null)))
                    .isEqualTo("400 bad-request lines must be a whole number of 0 or more, not '-3'");
            String openapi = curl(socket, "GET", "/v1/openapi.json", null);
            assertThat(openapi).startsWith("200 {");
            assertThat(Json.mapper().readTree(openapi.substring(4)).path("openapi").asText()).startsWith("3.");
            // Still serving after all that.
            assertThat(new ControlClient(socket).call(new ControlRequest.ListServices()).asText()).isEqualTo("ListServices[]");
        }
    }

    @Test
    void aStaleSocketFileFromADeadInstanceIsReplaced() throws Exception {
        Path socket = dir.resolve("lpm.sock");
        Files.writeString(socket, "stale");
        try (ControlServer server = ControlServer.start(socket, echo)) {
            assertThat(new ControlClient(socket).isAvailable()).isTrue();
        }
    }

    private static String error(String curlOutput) throws Exception {
        JsonNode error = Json.mapper().readTree(curlOutput.substring(4)).path("error");
        return curlOutput.substring(0, 3) + " " + error.path("kind").asText() + " " + error.path("message").asText();
    }

    /** "STATUS BODY", as curl saw it. */
    static String curl(Path socket, String method, String path, String body) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--unix-socket", socket.toString(), "-X", method,
                "-w", "\n%{http_code}"));
        if (body != null) {
            command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", body));
        }
        command.add("http://lpm" + path);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as("curl %s %s: %s", method, path, out).isZero();
        int cut = out.lastIndexOf('\n');
        return out.substring(cut + 1) + " " + out.substring(0, cut);
    }
}

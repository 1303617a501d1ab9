package dev.lpm.docker.apiguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.core.LoopbackAddress;
import dev.lpm.core.Settings;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.docker.engine.DockerSocketRelay;
import dev.lpm.docker.engine.EngineClientFactory;
import dev.lpm.docker.engine.TestContainers;
import dev.lpm.testsupport.HostProcesses;
import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.NetworkNamespaceExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests against the real guard in front of the real engine (issue 15): every spelling of a
 * target the engine routes, host addresses Java reads as loopback, shared network namespaces, builds,
 * execs and pre-1.24 starts. Each case ends in a refusal, or in a container whose bindings the engine
 * reports as loopback only (HostConfig.PortBindings, and NetworkSettings.Ports once it runs).
 */
class HostileRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "lpmtest-hostile-";
    private static final Duration CONNECT = Duration.ofSeconds(2);

    private static final AtomicReference<Settings> SETTINGS = new AtomicReference<>(Settings.DEFAULTS);
    private static Path dir;
    private static DockerGateway engine;
    private static DockerApiGuard guard;
    private static RawGuardClient client;
    /** Containers every case may refer to, made through the engine directly (never started but one). */
    private static String exposedOwner;
    private static String hostOwner;
    private static String loopbackOwner;
    private static String execTarget;
    private static final List<String> SHARED = new ArrayList<>();

    private final List<String> names = new ArrayList<>();

    @RegisterExtension
    final NetworkNamespaceExtension attacker = NetworkNamespaceExtension.withVethToHost("hostile");

    /** What a case must end in. */
    enum Expect {
        /** lpm answered 4xx itself; nothing was created. */
        REFUSED,
        /** created; every binding is canonical loopback in the engine's own report, also once it runs. */
        LOOPBACK,
        /** as LOOPBACK for an IPv6 binding: checked in the stored HostConfig only (the host may lack IPv6). */
        LOOPBACK_V6_CONFIG,
        /** created, publishing nothing. */
        CREATED,
        /** passed on: the engine answered (2xx or its own error), not lpm. */
        ENGINE_ANSWERED
    }

    /** One hostile request; {@code %NAME%}, {@code %EXEC%} and the owners are filled in per run. */
    record Case(String label, String method, String target, String body, int chunks, Expect expect) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final String HTTPD_CMD = "\"Image\":\"" + TestContainers.IMAGE + "\",\"Cmd\":[\"httpd\",\"-f\","
            + "\"-p\",\"80\",\"-h\",\"/www\"],\"ExposedPorts\":{\"80/tcp\":{}}";

    private static String publishing(String hostIp) {
        return "{" + HTTPD_CMD + ",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostIp\":" + hostIp
                + ",\"HostPort\":\"\"}]}}}";
    }

    private static final String EXPOSED = publishing("\"0.0.0.0\"");

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // 1. every spelling of the create target the engine routes to /containers/create
        for (String target : List.of("/containers/create", "/v1.41/containers/create", "/v1.24/containers/create",
                "http://docker/v1.41/containers/create", "http://localhost/containers/create",
                "HTTP://DOCKER:2375/v1.41/containers/create", "unix:///v1.41/containers/create",
                "unix:/v1.41/containers/create", "http://user@docker/v1.41/containers/create",
                "/v1.41/../containers/create", "/./containers/create", "/v1.41/containers/./create",
                "/containers/%63reate", "/%63ontainers%2Fcreate", "//containers//create", "/v1.41//containers/create/")) {
            c.add(new Case("create " + target, "POST", target + "?name=%NAME%", EXPOSED, 0, Expect.LOOPBACK));
        }
        c.add(new Case("lower-case method", "post", "http://docker/v1.41/containers/create?name=%NAME%", EXPOSED, 0,
                Expect.LOOPBACK));
        c.add(new Case("query before name", "POST", "/v1.41/containers/create?x=1&name=%NAME%&y=2", EXPOSED, 0,
                Expect.LOOPBACK));
        c.add(new Case("chunked body", "POST", "http://docker/v1.41/containers/create?name=%NAME%", EXPOSED, 1,
                Expect.LOOPBACK));
        c.add(new Case("chunked body in 7 pieces", "POST", "/v1.41/containers/create?name=%NAME%", EXPOSED, 7,
                Expect.LOOPBACK));
        // 2. host addresses Java (or inet_aton) reads as loopback but the engine cannot parse, and neighbours
        for (String ip : List.of("\"127.1\"", "\" 127.0.0.1\"", "\"127.0.0.1 \"", "\"\\t127.0.0.1\"",
                "\"127.000.000.001\"", "\"0127.0.0.1\"", "\"0x7f.0.0.1\"", "\"2130706433\"", "\"[127.0.0.1]\"",
                "\"::ffff:127.0.0.1\"", "\"localhost\"", "\"\"", "null", "\"0.0.0.0\"", "\"192.168.1.5\"",
                "\"127.0.0.2\"")) {
            c.add(new Case("HostIp " + ip, "POST", "/v1.41/containers/create?name=%NAME%", publishing(ip), 0,
                    Expect.LOOPBACK));
        }
        for (String ip : List.of("\"[::1]\"", "\"::1%lo\"", "\"[::1%lo]\"", "\"::\"", "\"0:0:0:0:0:0:0:1\"", "\"::1\"")) {
            c.add(new Case("HostIp " + ip, "POST", "/v1.41/containers/create?name=%NAME%", publishing(ip), 0,
                    Expect.LOOPBACK_V6_CONFIG));
        }
        // keys as Go's decoder matches them, duplicates
        c.add(new Case("lower-case keys", "POST", "/containers/create?name=%NAME%", "{" + HTTPD_CMD
                + ",\"hostconfig\":{\"portbindings\":{\"80/tcp\":[{\"hostip\":\"0.0.0.0\",\"hostport\":\"\"}]}}}", 0,
                Expect.LOOPBACK));
        c.add(new Case("HostConfig twice, two cases", "POST", "/containers/create?name=%NAME%", "{" + HTTPD_CMD
                + ",\"HostConfig\":{},\"hostConfig\":{\"NetworkMode\":\"host\"}}", 0, Expect.REFUSED));
        c.add(new Case("HostIp twice, same case", "POST", "/containers/create?name=%NAME%", "{" + HTTPD_CMD
                + ",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostIp\":\"0.0.0.0\"}]}}}",
                0, Expect.REFUSED));
        c.add(new Case("HostIp and HOSTIP", "POST", "http://docker/containers/create?name=%NAME%", "{" + HTTPD_CMD
                + ",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HOSTIP\":\"0.0.0.0\"}]}}}",
                0, Expect.REFUSED));
        c.add(new Case("PortBindings at the top level", "POST", "/v1.23/containers/create?name=%NAME%", "{" + HTTPD_CMD
                + ",\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\"}]}}", 0, Expect.REFUSED));
        c.add(new Case("host network, absolute-form", "POST", "http://docker/v1.41/containers/create?name=%NAME%",
                "{" + HTTPD_CMD + ",\"HostConfig\":{\"NetworkMode\":\"host\"}}", 0, Expect.REFUSED));
        c.add(new Case("publish-all, dot segments", "POST", "/v1.41/x/../containers/create?name=%NAME%",
                "{" + HTTPD_CMD + ",\"HostConfig\":{\"PublishAllPorts\":true}}", 0, Expect.REFUSED));
        // 3. shared network namespaces
        c.add(new Case("container: of an exposed container", "POST", "/containers/create?name=%NAME%",
                sharing("%EXPOSED_OWNER%"), 0, Expect.REFUSED));
        c.add(new Case("container: of an exposed container, absolute-form", "POST",
                "unix:///v1.41/containers/create?name=%NAME%", sharing("%EXPOSED_OWNER%"), 2, Expect.REFUSED));
        c.add(new Case("container: of a host-networked container", "POST", "/containers/create?name=%NAME%",
                sharing("%HOST_OWNER%"), 0, Expect.REFUSED));
        c.add(new Case("container: of a loopback-only container", "POST", "/containers/create?name=%NAME%",
                sharing("%LOOPBACK_OWNER%"), 0, Expect.CREATED));
        c.add(new Case("container: of no container", "POST", "/containers/create?name=%NAME%",
                sharing("lpmtest-hostile-none"), 0, Expect.ENGINE_ANSWERED));
        // builds on the host's network
        for (String target : List.of("/build?networkmode=host", "/v1.41/build?t=x&networkmode=host",
                "http://docker/v1.41/build?networkmode=host", "/%62uild?networkmode=HOST", "/build?network=host",
                "/v1.41/./build?networkmode=%68ost")) {
            c.add(new Case("build " + target, "POST", target, "", 0, Expect.REFUSED));
        }
        // privileged exec
        String privileged = "{\"Cmd\":[\"true\"],\"Privileged\":true}";
        c.add(new Case("privileged exec", "POST", "/v1.41/containers/%EXEC%/exec", privileged, 0, Expect.REFUSED));
        c.add(new Case("privileged exec, lower-case key", "POST", "/containers/%EXEC%/exec",
                "{\"Cmd\":[\"true\"],\"privileged\":true}", 0, Expect.REFUSED));
        c.add(new Case("privileged exec, absolute-form", "POST", "http://docker/v1.41/containers/%EXEC%/exec",
                privileged, 0, Expect.REFUSED));
        c.add(new Case("privileged exec, dot segment and escape", "POST", "/containers/%EXEC%/./%65xec",
                privileged, 3, Expect.REFUSED));
        c.add(new Case("privileged exec, duplicate keys", "POST", "/containers/%EXEC%/exec",
                "{\"Cmd\":[\"true\"],\"Privileged\":true,\"privileged\":false}", 0, Expect.REFUSED));
        c.add(new Case("unprivileged exec passes", "POST", "/containers/%EXEC%/exec",
                "{\"Cmd\":[\"true\"],\"Privileged\":false}", 0, Expect.ENGINE_ANSWERED));
        // pre-1.24 start with a HostConfig
        String startBody = "{\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"\"}]}}";
        for (String target : List.of("/v1.23/containers/%EXEC%/start", "http://docker/v1.23/containers/%EXEC%/start",
                "/v1.23/containers/%EXEC%/%73tart", "unix:/v1.23//containers/%EXEC%/start")) {
            c.add(new Case("start with HostConfig " + target, "POST", target, startBody, 0, Expect.REFUSED));
        }
        c.add(new Case("start with HostConfig, lower-case method, chunked", "post", "/v1.23/containers/%EXEC%/start",
                startBody, 2, Expect.REFUSED));
        // targets the guard cannot read as the engine would
        c.add(new Case("bad percent-escape", "POST", "/containers/%zzcreate?name=%NAME%", EXPOSED, 0, Expect.REFUSED));
        c.add(new Case("opaque absolute-form", "POST", "http:containers/create?name=%NAME%", EXPOSED, 0,
                Expect.REFUSED));
        return c.stream();
    }

    private static String sharing(String owner) {
        return "{\"Image\":\"" + TestContainers.IMAGE + "\",\"Cmd\":[\"sleep\",\"60\"],"
                + "\"HostConfig\":{\"NetworkMode\":\"container:" + owner + "\"}}";
    }

    @BeforeAll
    static void startGuard() throws IOException {
        TestContainers.requireEngineAndImage();
        dir = Files.createTempDirectory("lpmtest-hostile-");
        engine = EngineClientFactory.CONFIGURED.open(null);
        guard = DockerApiGuard.start(dir.resolve("lpm").resolve(DockerApiGuard.SOCKET_NAME),
                "unix://" + DockerSocketRelay.engineSocket(), () -> false, SETTINGS::get, engine::inspect,
                pid -> Optional.empty());
        client = new RawGuardClient(guard.socket());
        // Created, never started: their configured bindings are what counts, and nothing listens.
        exposedOwner = shared("exposed", "create", "-p", "0.0.0.0::80", TestContainers.IMAGE, "sleep", "600");
        hostOwner = shared("hostnet", "create", "--network", "host", TestContainers.IMAGE, "sleep", "600");
        loopbackOwner = shared("lo", "create", "-p", "127.0.0.1::80", TestContainers.IMAGE, "sleep", "600");
        execTarget = shared("exec", "run", "-d", TestContainers.IMAGE, "sleep", "600");
    }

    private static String shared(String purpose, String command, String... args) {
        String name = PREFIX + purpose + "-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        SHARED.add(name);
        List<String> all = new ArrayList<>(List.of(command, "--name", name));
        all.addAll(List.of(args));
        var result = GuardedDockerCli.direct(all.toArray(String[]::new));
        assertThat(result.ok()).as(result.err()).isTrue();
        return name;
    }

    @AfterAll
    static void stopGuard() throws IOException {
        try {
            if (!SHARED.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("rm", "-f"));
                args.addAll(SHARED);
                GuardedDockerCli.direct(args.toArray(String[]::new));
            }
        } finally {
            if (guard != null) {
                guard.close();
            }
            if (engine != null) {
                engine.close();
            }
            if (dir != null) {
                try (var paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @AfterEach
    void removeContainers() {
        SETTINGS.set(Settings.DEFAULTS);
        if (!names.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(names);
            GuardedDockerCli.direct(args.toArray(String[]::new));
        }
    }

    private String newName() {
        String name = PREFIX + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        names.add(name);
        return name;
    }

    private RawGuardClient.Answer send(Case c, String name) {
        String target = fill(c.target(), name);
        String body = fill(c.body(), name);
        return c.chunks() > 0 ? client.sendChunked(c.method(), target, body, c.chunks())
                : client.send(c.method(), target, body);
    }

    private static String fill(String text, String name) {
        return text.replace("%NAME%", name).replace("%EXEC%", execTarget).replace("%EXPOSED_OWNER%", exposedOwner)
                .replace("%HOST_OWNER%", hostOwner).replace("%LOOPBACK_OWNER%", loopbackOwner);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachHostileRequestIsRefusedOrEndsOnLoopback(Case c) throws Exception {
        String name = newName();
        RawGuardClient.Answer answer = send(c, name);
        switch (c.expect()) {
            case REFUSED -> {
                assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
                assertThat(answer.body()).contains("lpm: ");
                assertThat(GuardedDockerCli.direct("inspect", name).ok()).as("never created").isFalse();
            }
            case CREATED -> {
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                assertThat(portBindings(name)).isEmpty();
            }
            case ENGINE_ANSWERED -> assertThat(answer.body()).as("status " + answer.status()).doesNotContain("lpm:");
            case LOOPBACK, LOOPBACK_V6_CONFIG -> {
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                assertThat(portBindings(name)).isNotEmpty().allSatisfy(ip ->
                        assertThat(LoopbackAddress.isCanonical(ip)).as("HostIp '%s'", ip).isTrue());
                if (c.expect() == Expect.LOOPBACK) {
                    var start = GuardedDockerCli.direct("start", name);
                    assertThat(start.ok()).as(start.err()).isTrue();
                    assertThat(boundPorts(name)).isNotEmpty().allSatisfy(ip ->
                            assertThat(LoopbackAddress.isCanonical(ip)).as("bound by the engine: '%s'", ip).isTrue());
                }
            }
        }
    }

    @Test
    void theSettingsLetHostNetworkBuildsAndPrivilegedExecsThrough() {
        SETTINGS.set(Settings.DEFAULTS.edit(s -> {
            s.allowHostNetworkBuilds = true;
            s.allowPrivilegedExec = true;
        }));
        var exec = client.send("POST", "/v1.41/containers/" + execTarget + "/exec",
                "{\"Cmd\":[\"true\"],\"Privileged\":true}");
        assertThat(exec.status()).as(exec.body()).isEqualTo(201);
        // An empty build context: the engine refuses the build itself, lpm lets it through.
        var build = client.send("POST", "/v1.41/build?networkmode=host", "");
        assertThat(build.body()).doesNotContain("lpm:");

        SETTINGS.set(Settings.DEFAULTS);
        assertThat(client.send("POST", "/v1.41/build?networkmode=host", "").body())
                .contains("refused", "allowHostNetworkBuilds");
        assertThat(client.send("POST", "/v1.41/containers/" + execTarget + "/exec",
                "{\"Cmd\":[\"true\"],\"Privileged\":true}").body()).contains("allowPrivilegedExec");
    }

    @Test
    void noContainerTheHostileRequestsMadeIsReachableFromTheNetwork() throws Exception {
        NetworkNamespace ns = attacker.get();
        List<InetSocketAddress> bound = new ArrayList<>();
        for (Case c : cases().filter(c -> c.expect() == Expect.LOOPBACK).toList()) {
            String name = newName();
            RawGuardClient.Answer answer = send(c, name);
            assertThat(answer.status()).as(c.label() + ": " + answer.body()).isEqualTo(201);
            assertThat(GuardedDockerCli.direct("start", name).ok()).isTrue();
            String[] ipAndPort = GuardedDockerCli.direct("inspect", "-f", "{{with index (index .NetworkSettings.Ports"
                    + " \"80/tcp\") 0}}{{.HostIp}} {{.HostPort}}{{end}}", name).out().split(" ");
            bound.add(InetSocketAddress.createUnresolved(ipAndPort[0], Integer.parseInt(ipAndPort[1])));
        }
        try (ServerSocket everywhere = new ServerSocket()) {
            everywhere.bind(new InetSocketAddress("0.0.0.0", 0));
            // Control: the attacker's path to this host works, so a refusal below is the binding's doing.
            assertThat(ns.canConnect(ns.hostAddress(), everywhere.getLocalPort(), CONNECT)).isTrue();
        }
        for (InetSocketAddress at : bound) {
            // Control: it serves where the engine says it is bound.
            await().atMost(Duration.ofSeconds(20)).until(() -> HostProcesses.accepts(at.getHostString(), at.getPort(), CONNECT));
            assertThat(ns.canConnect(ns.hostAddress(), at.getPort(), CONNECT)).as("%s from the attacker", at).isFalse();
        }
        assertThat(bound).hasSizeGreaterThanOrEqualTo(30);
    }

    /** Every HostIp of the container's stored HostConfig.PortBindings, as the engine reports it. */
    private static List<String> portBindings(String name) throws IOException {
        return hostIps(GuardedDockerCli.direct("inspect", "-f", "{{json .HostConfig.PortBindings}}", name).out());
    }

    /** Every HostIp of NetworkSettings.Ports: what the engine bound. */
    private static List<String> boundPorts(String name) throws IOException {
        return hostIps(GuardedDockerCli.direct("inspect", "-f", "{{json .NetworkSettings.Ports}}", name).out());
    }

    private static List<String> hostIps(String json) throws IOException {
        JsonNode ports = JSON.readTree(json);
        List<String> ips = new ArrayList<>();
        if (ports != null && ports.isObject()) {
            ports.properties().forEach(p -> {
                if (p.getValue().isArray()) {
                    p.getValue().forEach(b -> ips.add(b.path("HostIp").asText()));
                }
            });
        }
        return ips;
    }
}

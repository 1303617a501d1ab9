package dev.lpm.docker.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.docker.command.ContainerLabels;
import dev.lpm.docker.engine.ContainerInfo;
import dev.lpm.docker.engine.PublishedPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerExposureTest {

    private static final Function<String, Optional<ContainerInfo>> NONE = id -> Optional.empty();

    @ParameterizedTest
    @ValueSource(strings = {"", "0.0.0.0", "::", "192.168.1.20", "10.8.0.2", "fe80::1", "2001:db8::5", "localhost", "garbage"})
    void aPortOnAnyNonLoopbackAddressIsExposed(String hostIp) {
        ContainerInfo c = container("web", "bridge", new PublishedPort(hostIp, "8080", 80, "tcp"));
        assertThat(ContainerExposure.reason(c, NONE)).get().asString().startsWith("publishes ").contains("->80/tcp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"})
    void aPortOnLoopbackOnlyIsNotExposed(String hostIp) {
        ContainerInfo c = container("web", "bridge", new PublishedPort(hostIp, "8080", 80, "tcp"));
        assertThat(ContainerExposure.reason(c, NONE)).isEmpty();
    }

    @Test
    void oneExposedPortAmongLoopbackPortsIsEnoughAndIsNamed() {
        ContainerInfo c = container("web", "bridge", new PublishedPort("127.0.0.1", "8080", 80, "tcp"),
                new PublishedPort("0.0.0.0", "5353", 53, "udp"));
        assertThat(ContainerExposure.reason(c, NONE)).contains("publishes 0.0.0.0:5353->53/udp");
    }

    @Test
    void noPublishedPortsIsNotExposed() {
        assertThat(ContainerExposure.reason(container("db", "bridge"), NONE)).isEmpty();
        assertThat(ContainerExposure.reason(container("db", "none"), NONE)).isEmpty();
        assertThat(ContainerExposure.reason(container("db", "my-network"), NONE)).isEmpty();
    }

    @Test
    void hostNetworkingIsExposedWithoutAnyPort() {
        assertThat(ContainerExposure.reason(container("h", "host"), NONE)).get().asString().contains("host networking");
    }

    @Test
    void joiningAnExposedContainersNetworkIsExposed() {
        ContainerInfo owner = container("owner", "bridge", new PublishedPort("", "8080", 80, "tcp"));
        ContainerInfo sidecar = container("sidecar", "container:owner");
        assertThat(ContainerExposure.reason(sidecar, lookup(owner))).get().asString()
                .isEqualTo("shares the network of owner, which publishes 0.0.0.0:8080->80/tcp");
    }

    @Test
    void joiningByIdPrefixWorksToo() {
        ContainerInfo owner = container("owner", "host");
        ContainerInfo sidecar = container("sidecar", "container:" + owner.id().substring(0, 12));
        assertThat(ContainerExposure.reason(sidecar, lookup(owner))).isPresent();
    }

    @Test
    void joiningALoopbackOnlyOrMissingContainerIsNotExposed() {
        ContainerInfo owner = container("owner", "bridge", new PublishedPort("127.0.0.1", "8080", 80, "tcp"));
        assertThat(ContainerExposure.reason(container("s", "container:owner"), lookup(owner))).isEmpty();
        assertThat(ContainerExposure.reason(container("s", "container:gone"), lookup(owner))).isEmpty();
    }

    @Test
    void aLoopOfContainerModesFailsClosed() {
        ContainerInfo a = container("a", "container:b");
        ContainerInfo b = container("b", "container:a");
        assertThat(ContainerExposure.reason(a, lookup(a, b))).get().asString().contains("loop");
    }

    @Test
    void theBypassLabelIsRecognised() {
        ContainerInfo bypass = new ContainerInfo("id1", "/svc", "img", true, "host", List.of(),
                Map.of(ContainerLabels.KILL_SWITCH, "bypass"), null, null);
        ContainerInfo other = new ContainerInfo("id2", "/svc", "img", true, "host", List.of(),
                Map.of(ContainerLabels.KILL_SWITCH, "on"), null, null);
        assertThat(bypass.bypassesKillSwitch()).isTrue();
        assertThat(bypass.name()).isEqualTo("svc");
        assertThat(other.bypassesKillSwitch()).isFalse();
    }

    private static ContainerInfo container(String name, String networkMode, PublishedPort... ports) {
        String id = (name + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").substring(0, 64);
        return new ContainerInfo(id, "/" + name, "lpm/busybox:test", true, networkMode, List.of(ports), Map.of(), null, null);
    }

    private static Function<String, Optional<ContainerInfo>> lookup(ContainerInfo... containers) {
        return idOrName -> List.of(containers).stream().filter(c -> c.isCalled(idOrName)).findFirst();
    }
}

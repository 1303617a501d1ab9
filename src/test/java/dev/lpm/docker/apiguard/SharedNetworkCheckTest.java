package dev.lpm.docker.apiguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.docker.engine.ContainerInfo;
import dev.lpm.docker.engine.PublishedPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SharedNetworkCheckTest {

    private static ContainerInfo container(String name, String networkMode, PublishedPort... ports) {
        return new ContainerInfo(name + "-id", name, "img", false, networkMode, List.of(ports), Map.of(), null, null);
    }

    private static SharedNetworkCheck.Outcome judge(Function<String, Optional<ContainerInfo>> lookup, String owner)
            throws Exception {
        try (SharedNetworkCheck check = new SharedNetworkCheck(lookup)) {
            return check.judge(owner).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anOwnerThatIsExposedDirectlyOrThroughItsOwnOwnerIsRefused() throws Exception {
        Map<String, ContainerInfo> all = Map.of(
                "wide", container("wide", "bridge", new PublishedPort("0.0.0.0", "8080", 80, "tcp")),
                "chained", container("chained", "container:wide"),
                "host", container("host", "host"),
                "lo", container("lo", "bridge", new PublishedPort("127.0.0.1", "8080", 80, "tcp")));
        Function<String, Optional<ContainerInfo>> lookup = id -> Optional.ofNullable(all.get(id));
        assertThat(judge(lookup, "wide")).isInstanceOfSatisfying(SharedNetworkCheck.Outcome.Refused.class,
                r -> assertThat(r.message()).contains("container:wide", "publishes 0.0.0.0:8080"));
        assertThat(judge(lookup, "chained")).isInstanceOf(SharedNetworkCheck.Outcome.Refused.class);
        assertThat(judge(lookup, "host")).isInstanceOf(SharedNetworkCheck.Outcome.Refused.class);
        assertThat(judge(lookup, "lo")).isInstanceOf(SharedNetworkCheck.Outcome.Allowed.class);
        assertThat(judge(lookup, "missing")).isInstanceOf(SharedNetworkCheck.Outcome.Allowed.class);
    }

    @Test
    void anEngineThatCannotAnswerMeansRefusal() throws Exception {
        assertThat(judge(id -> {
            throw new IllegalStateException("engine away");
        }, "x")).isInstanceOfSatisfying(SharedNetworkCheck.Outcome.Refused.class,
                r -> assertThat(r.message()).contains("could not inspect x", "engine away"));
    }
}

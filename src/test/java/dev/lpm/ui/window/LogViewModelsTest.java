package dev.lpm.ui.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceName;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogViewModelsTest {

    private static final Instant AT = Instant.parse("2026-03-05T14:30:00Z");
    private final ViewModelFixture fx = new ViewModelFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private void request(boolean vpn, String uri) {
        fx.backend.publish(new LpmEvent.ProxyRequest("GET", uri, "HTTP/1.1", "api", 200, 3, vpn, AT));
    }

    @Test
    void accessLogFormatsLikeTheFileWithTheLockWhileAVpnIsUp() {
        var vm = new AccessLogViewModel(fx.events, ZoneOffset.UTC, 10);
        request(false, "/api/data");
        request(true, "/api/data");

        assertThat(vm.lines().all()).containsExactly(
                "[2026-03-05 14:30:00] GET /api/data HTTP/1.1 -> api 200 3ms",
                "[2026-03-05 14:30:00] \uD83D\uDD12 GET /api/data HTTP/1.1 -> api 200 3ms");
    }

    @Test
    void accessLogKeepsOnlyTheNewestLinesAndFilters() {
        var vm = new AccessLogViewModel(fx.events, ZoneOffset.UTC, 3);
        IntStream.range(0, 5).forEach(i -> request(false, "/r" + i));

        assertThat(vm.lines().all()).hasSize(3).allMatch(l -> l.contains("/r2") || l.contains("/r3")
                || l.contains("/r4"));
        vm.lines().filterProperty().set("/R3");
        assertThat(vm.lines().visible()).singleElement().asString().contains("/r3");
        vm.lines().filterProperty().set(" ");
        assertThat(vm.lines().visible()).hasSize(3);
    }

    @Test
    void serviceLogStartsWithTheTailThenFollowsOnlyItsService() {
        var vm = new ServiceLogViewModel(ServiceName.of("api"), fx.backend, fx.events, 3);
        fx.backend.publish(new LpmEvent.ServiceOutput(ServiceName.of("web"), "not mine", AT));
        fx.backend.publish(new LpmEvent.ServiceOutput(ServiceName.of("api"), "listening on 4000", AT));
        fx.backend.publish(new LpmEvent.ServiceOutput(ServiceName.of("api"), "GET /", AT));

        assertThat(vm.lines().all()).containsExactly("line 2 of api", "listening on 4000", "GET /");
        vm.close();
        fx.backend.publish(new LpmEvent.ServiceOutput(ServiceName.of("api"), "after close", AT));
        assertThat(vm.lines().all()).doesNotContain("after close");
    }

    @Test
    void copyTakesTheSelectionOrEveryVisibleLine() {
        var lines = new FilteredLines(10);
        lines.addAll(List.of("alpha", "beta", "alphabet"));
        lines.filterProperty().set("alpha");

        assertThat(lines.copyText(List.of())).isEqualTo("alpha\nalphabet");
        assertThat(lines.copyText(List.of("beta"))).isEqualTo("beta");
    }

    @Test
    void aBatchLargerThanTheBoundKeepsItsNewestLines() {
        var lines = new FilteredLines(2);
        lines.add("old");
        lines.addAll(List.of("a", "b", "c"));
        assertThat(lines.all()).containsExactly("b", "c");
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThatThrownBy(() -> new FilteredLines(0)).hasMessageContaining("at least 1");
    }
}

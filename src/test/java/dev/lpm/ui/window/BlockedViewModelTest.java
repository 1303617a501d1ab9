package dev.lpm.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.LpmEvent;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockedViewModelTest {

    private final ViewModelFixture fx = new ViewModelFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void followsBlockedAndResumedEvents() {
        fx.backend.blocked.add(SampleData.block("c1", "web"));
        var vm = new BlockedViewModel(fx.backend, fx.events, fx.work);
        fx.backend.publish(new LpmEvent.ContainerBlocked(SampleData.block("c2", "db"), Instant.now()));
        fx.backend.publish(new LpmEvent.ContainerBlocked(SampleData.block("c1", "web"), Instant.now()));

        assertThat(vm.blocked()).extracting(b -> b.containerId()).containsExactly("c2", "c1");

        fx.backend.publish(new LpmEvent.ContainerResumed("c2", "db", Instant.now()));
        assertThat(vm.blocked()).extracting(b -> b.containerId()).containsExactly("c1");
    }

    @Test
    void resumeRemovesTheContainer() {
        fx.backend.blocked.add(SampleData.block("c1", "web"));
        var vm = new BlockedViewModel(fx.backend, fx.events, fx.work);

        vm.resume(vm.blocked().getFirst());

        assertThat(fx.backend.calls).containsExactly("resume c1");
        assertThat(vm.blocked()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("Resumed web.");
    }

    @Test
    void resumeRefusedByTheKillSwitchSaysWhyAndKeepsTheEntry() {
        fx.backend.blocked.add(SampleData.block("c1", "web"));
        fx.backend.setVpn(SampleData.VPN_UP);
        var vm = new BlockedViewModel(fx.backend, fx.events, fx.work);

        vm.resume(vm.blocked().getFirst());

        assertThat(vm.blocked()).hasSize(1);
        assertThat(vm.messageProperty().get())
                .isEqualTo("Cannot resume web: a VPN is active and the kill switch is on");
    }
}

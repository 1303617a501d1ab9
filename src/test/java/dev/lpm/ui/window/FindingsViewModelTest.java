package dev.lpm.ui.window;

import static dev.lpm.ui.window.SampleData.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.Finding;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FindingsViewModelTest {

    private final ViewModelFixture fx = new ViewModelFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void findingsChangedReplacesOnlyThatContainersFindings() {
        fx.backend.findings.add(finding("privileged", Severity.CRITICAL, "web"));
        fx.backend.findings.add(finding("root-user", Severity.MEDIUM, "db"));
        var vm = new FindingsViewModel(fx.backend, fx.events);

        fx.backend.publish(new LpmEvent.FindingsChanged("web",
                List.of(finding("latest-tag", Severity.LOW, "web")), Instant.now()));
        assertThat(vm.findings()).extracting(Finding::id).containsExactly("root-user", "latest-tag");

        fx.backend.publish(new LpmEvent.FindingsChanged("db", List.of(), Instant.now()));
        assertThat(vm.findings()).extracting(Finding::id).containsExactly("latest-tag");
    }

    @Test
    void groupsWorstFirstBySeverityOrContainer() {
        fx.backend.findings.add(finding("root-user", Severity.MEDIUM, "db"));
        fx.backend.findings.add(finding("latest-tag", Severity.LOW, "web"));
        fx.backend.findings.add(finding("privileged", Severity.CRITICAL, "web"));
        fx.backend.findings.add(finding("api-tcp", Severity.HIGH, Finding.ENGINE));
        var vm = new FindingsViewModel(fx.backend, fx.events);

        assertThat(vm.grouped(FindingsViewModel.Grouping.SEVERITY)).containsOnlyKeys("critical", "high", "medium",
                "low");
        assertThat(vm.grouped(FindingsViewModel.Grouping.SEVERITY).keySet()).containsExactly("critical", "high",
                "medium", "low");
        var byContainer = vm.grouped(FindingsViewModel.Grouping.CONTAINER);
        assertThat(byContainer.keySet()).containsExactly("web", Finding.ENGINE, "db");
        assertThat(byContainer.get("web")).extracting(Finding::id).containsExactly("privileged", "latest-tag");
        assertThat(FindingsViewModel.summary(vm.findings())).isEqualTo("1 critical, 1 high, 1 medium, 1 low");
        assertThat(FindingsViewModel.summary(List.of())).isEqualTo("none");
    }

    @Test
    void byImageTheHostAndLpmsServicesAreGroupsOfTheirOwn() {
        fx.backend.findings.add(finding("root-user", Severity.MEDIUM, "web-1"));
        fx.backend.findingImages.put("web-1", "example/web:1.4");
        fx.backend.findings.add(finding("api-tcp", Severity.HIGH, Finding.ENGINE));
        fx.backend.findings.add(finding("listens-on-all-interfaces", Severity.MEDIUM, Finding.service("api")));
        var vm = new FindingsViewModel(fx.backend, fx.events);
        // A second container of the same image, started later: its event says the image.
        fx.backend.publish(new LpmEvent.FindingsChanged("web-2", List.of(finding("privileged", Severity.CRITICAL,
                "web-2")), Instant.now(), "example/web:1.4"));
        fx.backend.publish(new LpmEvent.FindingsChanged("old", List.of(finding("no-healthcheck", Severity.LOW,
                "old")), Instant.now()));

        var byImage = vm.grouped(FindingsViewModel.Grouping.IMAGE);
        assertThat(byImage.keySet()).containsExactly("example/web:1.4", FindingsViewModel.HOST,
                FindingsViewModel.SERVICES, "image not known (old)");
        assertThat(byImage.get("example/web:1.4")).extracting(Finding::container).containsExactly("web-2", "web-1");
        assertThat(byImage.get(FindingsViewModel.HOST)).extracting(Finding::id).containsExactly("api-tcp");
        assertThat(FindingsViewModel.Grouping.values()).extracting(Object::toString)
                .containsExactly("By container", "By image", "By severity");
    }
}

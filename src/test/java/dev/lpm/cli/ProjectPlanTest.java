package dev.lpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.control.ServiceView;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.project.Project;
import dev.lpm.project.ProjectService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectPlanTest {

    private static final Path DIR = Path.of("/home/u/shop");

    private static ProjectService file(String name, String command, Map<String, String> env, String... dependsOn) {
        return new ProjectService(ServiceName.of(name), command, DIR, env,
                List.of(dependsOn).stream().map(ServiceName::of).toList(), false, false, false, null, null, null, 1);
    }

    private static ServiceView registered(String name, String command, String group, ServiceState state,
                                          Map<String, String> env) {
        return new ServiceView(name, "http://" + name + ".localhost:1355", 4000, "command", command, null, state, "",
                Instant.EPOCH, 1L, null, 0, false, false, false, DIR.toString(), Instant.EPOCH, true, 30, 5, null,
                group, env, null);
    }

    private static Project project(ProjectService... services) {
        return new Project("shop", DIR.resolve("lpm.json"), List.of(services));
    }

    @Test
    void newChangedStoppedAndUnchangedServicesEachGetTheirStepAndRemovedOnesGo() {
        Project project = project(
                file("db", "db {port}", Map.of()),
                file("api", "api --v2 {port}", Map.of(), "db"),
                file("web", "web {port}", Map.of("A", "2"), "api"),
                file("docs", "docs {port}", Map.of()),
                file("new", "new {port}", Map.of()));
        List<ServiceView> now = List.of(
                registered("db", "db {port}", "shop", ServiceState.RUNNING, Map.of()),
                registered("api", "api {port}", "shop", ServiceState.RUNNING, Map.of()),
                registered("web", "web {port}", "shop", ServiceState.RUNNING, Map.of("A", "1")),
                registered("docs", "docs {port}", "shop", ServiceState.CRASHED, Map.of()),
                registered("old", "old {port}", "shop", ServiceState.RUNNING, Map.of()),
                registered("other", "x {port}", "blog", ServiceState.RUNNING, Map.of()),
                registered("mine", "y {port}", null, ServiceState.RUNNING, Map.of()));

        ProjectPlan plan = ProjectPlan.of(project, now);

        assertThat(plan.conflicts()).isEmpty();
        assertThat(plan.steps()).extracting(s -> s.service().name().value() + " " + s.action() + " " + s.changes())
                .containsExactly("db KEEP []", "api REPLACE [command]", "web REPLACE [env]", "docs START []",
                        "new REGISTER []");
        assertThat(plan.remove()).extracting(ServiceView::name).containsExactly("old");
    }

    @Test
    void aNameRegisteredOutsideTheProjectIsAConflict() {
        ProjectPlan plan = ProjectPlan.of(project(file("mine", "y {port}", Map.of()), file("other", "x {port}", Map.of())),
                List.of(registered("mine", "y {port}", null, ServiceState.RUNNING, Map.of()),
                        registered("other", "x {port}", "blog", ServiceState.RUNNING, Map.of())));

        assertThat(plan.conflicts()).containsExactly(
                "'mine' is already registered on its own; unregister it (lpm unregister mine) or give the service in"
                        + " lpm.json another name",
                "'other' is already registered by project blog; unregister it (lpm unregister other) or give the"
                        + " service in lpm.json another name");
    }

    @Test
    void fieldsTheFileLeavesOutAreNotCompared() {
        ProjectService api = file("api", "api {port}", Map.of());
        assertThat(ProjectPlan.changes(api, registered("api", "api {port}", "shop", ServiceState.RUNNING, Map.of())))
                .isEmpty();
        ProjectService strict = new ProjectService(ServiceName.of("api"), "api {port}", DIR.resolve("api"), Map.of(),
                List.of(), true, true, true, 4100, Duration.ofSeconds(90), Duration.ofSeconds(5), 1);
        assertThat(ProjectPlan.changes(strict, registered("api", "api {port}", "shop", ServiceState.RUNNING, Map.of())))
                .containsExactly("cwd", "isolated", "killSwitchBypass", "subdomains", "port", "startTimeout");
    }
}

package dev.lpm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.core.ServiceName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFileTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Files.createDirectories(dir.resolve("shop-Repo"));
        return Files.writeString(dir.resolve("shop-Repo").resolve("lpm.json"), json);
    }

    private List<ProjectFileException.Problem> problems(String json) throws IOException {
        Path file = write(json);
        try {
            ProjectFile.read(file);
        } catch (ProjectFileException e) {
            assertThat(e.getMessage()).contains(file.toString()).contains("Nothing was started or changed");
            return e.problems();
        }
        throw new AssertionError("the file was accepted");
    }

    @Test
    void readsEveryFieldAndOrdersDependenciesFirst() throws IOException {
        Files.createDirectories(dir.resolve("shop-Repo/web"));
        Path file = write("""
                {
                  "$schema": "https://lpm.dev/lpm.schema.json",
                  "project": "shop",
                  "services": {
                    "web": {"command": "npm run dev -- --port {port}", "cwd": "web", "dependsOn": ["api"],
                            "env": {"API": "http://api.localhost:1355"}},
                    "api": {"command": "node api.js {port}", "dependsOn": ["db"], "startTimeout": "90s",
                            "stopGrace": "2m", "port": 4321, "subdomains": true},
                    "db": {"command": "docker run --rm -p {port}:5432 postgres", "isolated": true,
                           "killSwitchBypass": true}
                  }
                }
                """);
        Project project = ProjectFile.read(file);

        assertThat(project.name()).isEqualTo("shop");
        assertThat(project.services()).extracting(s -> s.name().value()).containsExactly("db", "api", "web");
        ProjectService web = project.services().get(2);
        assertThat(web.workingDirectory()).isEqualTo(file.getParent().resolve("web"));
        assertThat(web.environment()).isEqualTo(Map.of("API", "http://api.localhost:1355"));
        assertThat(web.dependsOn()).containsExactly(ServiceName.of("api"));
        assertThat(web.line()).isEqualTo(5);
        ProjectService api = project.services().get(1);
        assertThat(api.startTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(api.stopGrace()).isEqualTo(Duration.ofMinutes(2));
        assertThat(api.port()).isEqualTo(4321);
        assertThat(api.subdomains()).isTrue();
        assertThat(api.workingDirectory()).isEqualTo(file.getParent());
        ProjectService db = project.services().getFirst();
        assertThat(db.isolated()).isTrue();
        assertThat(db.killSwitchBypass()).isTrue();
        assertThat(api.isolated()).isFalse();
    }

    @Test
    void withoutAProjectFieldTheDirectoryNamesTheGroup() throws IOException {
        Path file = write("""
                {"services": {"api": {"command": "node api.js {port}"}}}
                """);
        assertThat(ProjectFile.read(file).name()).isEqualTo("shop-repo");
    }

    @Test
    void anUnknownFieldIsNamedWithItsLineAndTheKnownOnes() throws IOException {
        var problems = problems("""
                {
                  "services": {
                    "api": {
                      "comand": "node api.js {port}"
                    }
                  }
                }
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.field()).isEqualTo("services.api");
            assertThat(p.message()).contains("unknown field 'comand'").contains("command, cwd, dependsOn");
        });
        assertThat(problems.getFirst().toString()).startsWith("line 4: services.api: unknown field 'comand'");
    }

    @Test
    void aWrongTypeIsNamedWithItsLineAndField() throws IOException {
        var problems = problems("""
                {
                  "services": {
                    "api": {"command": "x {port}",
                            "isolated": "yes"}
                  }
                }
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.field()).isEqualTo("services.api.isolated");
            assertThat(p.message()).isEqualTo("expected true or false here");
        });
    }

    @Test
    void aDuplicateServiceNameIsRefusedAtItsSecondLine() throws IOException {
        var problems = problems("""
                {
                  "services": {
                    "api": {"command": "a {port}"},
                    "web": {"command": "b {port}"},
                    "api": {"command": "c {port}"}
                  }
                }
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("Duplicate field 'api'");
        });
    }

    @Test
    void brokenJsonIsRefusedAtItsLine() throws IOException {
        var problems = problems("""
                {
                  "services": {
                    "api": {"command": "a {port}"}
                    "web": {"command": "b {port}"}
                  }
                }
                """);
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(4));
    }

    @Test
    void everyBadServiceIsReportedAtOnceWithItsLine() throws IOException {
        var problems = problems("""
                {
                  "project": "Shop!",
                  "services": {
                    "API_1": {"command": "a {port}"},
                    "web": {"cwd": "no-such-dir"},
                    "db": {"command": "d {port}", "startTimeout": "soon", "port": 70000,
                           "env": {"A=B": "x"}}
                  }
                }
                """);
        assertThat(problems).extracting(ProjectFileException.Problem::toString).containsExactly(
                "project: 'Shop!' is not a valid project name: " + ServiceName.RULE,
                "line 4: services.API_1: 'API_1' is not a valid service name: " + ServiceName.RULE,
                "line 5: services.web.command: missing: the command that starts the service, with {port} where its"
                        + " port goes",
                "line 5: services.web.cwd: " + dir.resolve("shop-Repo/no-such-dir") + " is not a directory (cwd is"
                        + " relative to " + dir.resolve("shop-Repo") + ")",
                "line 6: services.db.env: 'A=B' is not a variable name",
                "line 6: services.db.port: 70000 is outside 1-65535",
                "line 6: services.db.startTimeout: 'soon' is not a time: write e.g. 90s, 2m or 500ms");
    }

    @Test
    void aReservedNameAndAFixedDockerHostPortAreRefusedAtTheirLine() throws IOException {
        var problems = problems("""
                {"services": {
                  "localhost": {"command": "a {port}"},
                  "web": {"command": "docker run -p 8080:80 nginx"}
                }}
                """);
        assertThat(problems).extracting(ProjectFileException.Problem::toString).satisfiesExactly(
                reserved -> assertThat(reserved).startsWith("line 2: services.localhost: 'localhost' is reserved")
                        .endsWith(ServiceName.RESERVED_RULE),
                fixed -> assertThat(fixed).startsWith("line 3: services.web.command: docker publishes the fixed host"
                        + " port 8080 (-p 8080:80)").endsWith("e.g.: docker run -p {port}:80 nginx"));
    }

    @Test
    void aDependencyOnAnUnknownServiceOrItselfIsRefused() throws IOException {
        var problems = problems("""
                {"services": {
                  "api": {"command": "a {port}", "dependsOn": ["dbb"]},
                  "db": {"command": "d {port}", "dependsOn": ["db"]}
                }}
                """);
        assertThat(problems).extracting(ProjectFileException.Problem::toString).containsExactly(
                "line 2: services.api.dependsOn: there is no service 'dbb' in this file; services: api, db",
                "line 3: services.db.dependsOn: a service cannot depend on itself");
    }

    @Test
    void aCircleOfDependenciesIsRefusedWithThePath() throws IOException {
        var problems = problems("""
                {"services": {
                  "web": {"command": "w {port}", "dependsOn": ["api"]},
                  "api": {"command": "a {port}", "dependsOn": ["db"]},
                  "db": {"command": "d {port}", "dependsOn": ["web"]},
                  "docs": {"command": "x {port}"}
                }}
                """);
        assertThat(problems).singleElement().hasToString("line 2: services.web.dependsOn: the services depend on"
                + " each other in a circle: web -> api -> db -> web; none of them could start first");
    }

    @Test
    void anEmptyFileOrOneWithoutServicesIsRefused() throws IOException {
        assertThat(problems("")).singleElement().satisfies(p -> assertThat(p.message()).contains("empty"));
        assertThat(problems("{\"services\": {}}")).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("no services"));
    }

    @Test
    void theFileIsFoundInTheNearestParent() throws IOException {
        Path file = write("{\"services\": {\"api\": {\"command\": \"a {port}\"}}}");
        Path deep = Files.createDirectories(file.getParent().resolve("src/main"));
        assertThat(ProjectFile.find(deep)).isEqualTo(file);
        assertThatThrownBy(() -> ProjectFile.find(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no lpm.json in " + dir);
    }
}

package dev.lpm.docker.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A container publication with a fixed host port in a command that never names lpm's port is refused at
 * registration, with the line rewritten to {@code -p {port}:CONTAINERPORT} (issue 18); docker run's long
 * publish form is read as docker reads it.
 */
class FixedHostPortTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            docker run -p 8080:80 nginx                                  | 8080 | -p 8080:80                                  | docker run -p {port}:80 nginx
            docker run --publish 127.0.0.1:8080:80 nginx                 | 8080 | --publish 127.0.0.1:8080:80                 | docker run -p 127.0.0.1:{port}:80 nginx
            docker run --publish published=8080,target=80 nginx          | 8080 | --publish published=8080,target=80          | docker run -p {port}:80/tcp nginx
            docker run -p published=8081,target=53,protocol=udp dns      | 8081 | -p published=8081,target=53,protocol=udp    | docker run -p {port}:53/udp dns
            docker run --publish=8080:80 -d nginx                        | 8080 | --publish=8080:80                           | docker run -p {port}:80 -d nginx
            podman run -p 8080:80 nginx                                  | 8080 | -p 8080:80                                  | podman run -p {port}:80 nginx
            nerdctl run -p 8080-8081:80-81 nginx                         | 8080-8081 | -p 8080-8081:80-81                     | nerdctl run -p {port}:80-81 nginx
            """)
    void aFixedHostPortIsRefusedWithTheRewrite(String line, String hostPort, String option, String suggested) {
        assertThat(ContainerCliLine.parse(line).fixedHostPortProblem(null)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("publishes the fixed host port " + hostPort + " (" + option + ")")
                .contains("write -p " + suggested.split(" -p ")[1].split(" ")[0] + " instead")
                .endsWith("e.g.: " + suggested));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "docker run -p {port}:80 nginx",
            "docker run -p 127.0.0.1:{port}:80 nginx",
            "docker run -p \"$PORT\":80 nginx",
            "docker run -p 80 nginx",
            "docker run --publish published={port},target=80 nginx",
            "docker run -d -p 5432:5432 postgres && node server.js --port {port}",
            "docker compose up",
            "python3 -m http.server 8080",
            "echo docker run -p 8080:80 nginx"})
    void publishingLpmsPortOrNoFixedPortIsFine(String line) {
        assertThat(ContainerCliLine.parse(line).fixedHostPortProblem(null)).isEmpty();
    }

    @Test
    void theFixedPortIsFineWhenItIsThePortTheUserGaveTheService() {
        ContainerCliLine line = ContainerCliLine.parse("docker run -p 8080:80 nginx");
        assertThat(line.fixedHostPortProblem(8080)).isEmpty();
        assertThat(line.fixedHostPortProblem(8081)).isPresent();
    }

    /** docker run turns published=8080,target=80 into 8080:80/tcp on every interface; lpm binds it to loopback. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            docker run -p published=8080,target=80 nginx                 | docker run -p 127.0.0.1:8080:80/tcp nginx
            docker run --publish=target=80,published=8080 nginx          | docker run --publish=127.0.0.1:8080:80/tcp nginx
            docker run -p target=53,protocol=udp dns                     | docker run -p 127.0.0.1::53/udp dns
            """)
    void theLongFormIsBoundToLoopback(String line, String rewritten) {
        assertThat(ContainerCliLine.parse(line).rewriteForLoopback().command()).isEqualTo(rewritten);
    }

    @Test
    void aLongFormWithoutTargetIsRefused() {
        assertThat(ContainerCliLine.parse("docker run -p published=8080 nginx").refusals())
                .singleElement().asString().contains("no container port (target=)");
    }
}

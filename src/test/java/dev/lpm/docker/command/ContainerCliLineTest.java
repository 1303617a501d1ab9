package dev.lpm.docker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerCliLineTest {

    private static String rewrite(String line) {
        return ContainerCliLine.parse(line).rewriteForLoopback().command();
    }

    /** Spellings Java or inet_aton read as loopback but the engine does not parse as written: rewritten (issue 15). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            docker run -p 127.1:8080:80 nginx                | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p 127.000.000.001:8080:80 nginx      | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p 0127.0.0.1:8080:80 nginx           | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p 2130706433:8080:80 nginx           | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p localhost:8080:80 nginx            | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p ' 127.0.0.1:8080:80' nginx         | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p '127.0.0.1	:8080:80' nginx        | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p '[::1%lo]:8080:80' nginx           | docker run -p '[::1]:8080:80' nginx
            docker run -p ::1%lo:8080:80 nginx               | docker run -p '[::1]:8080:80' nginx
            docker run -p 0:0:0:0:0:0:0:1:8080:80 nginx      | docker run -p '[::1]:8080:80' nginx
            """)
    void nonCanonicalLoopbackSpellingsAreRewritten(String line, String rewritten) {
        assertThat(rewrite(line)).isEqualTo(rewritten);
    }

    /** Each form docker accepts for a publication, and exactly what lpm turns it into. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            docker run -p 8080:80 nginx                  | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p8080:80 nginx                   | docker run -p127.0.0.1:8080:80 nginx
            docker run -p=8080:80 nginx                  | docker run -p=127.0.0.1:8080:80 nginx
            docker run --publish 8080:80 nginx           | docker run --publish 127.0.0.1:8080:80 nginx
            docker run --publish=8080:80 nginx           | docker run --publish=127.0.0.1:8080:80 nginx
            docker run -p 8080:80/udp nginx              | docker run -p 127.0.0.1:8080:80/udp nginx
            docker run -p 80 nginx                       | docker run -p 127.0.0.1::80 nginx
            docker run -p 8000-8010:8000-8010 nginx      | docker run -p 127.0.0.1:8000-8010:8000-8010 nginx
            docker run -p 0.0.0.0:8080:80 nginx          | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p 192.168.1.5:8080:80 nginx      | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p [::]:8080:80 nginx             | docker run -p '[::1]:8080:80' nginx
            docker run -p [2001:db8::1]:8080:80 nginx    | docker run -p '[::1]:8080:80' nginx
            docker run -p 127.0.0.1:8080:80 nginx        | docker run -p 127.0.0.1:8080:80 nginx
            docker run -p [::1]:8080:80 nginx            | docker run -p [::1]:8080:80 nginx
            docker run -p 127.0.0.2:8080:80 nginx        | docker run -p 127.0.0.2:8080:80 nginx
            docker run -p {port}:80 nginx                | docker run -p 127.0.0.1:{port}:80 nginx
            docker run -p :80 nginx                      | docker run -p 127.0.0.1::80 nginx
            docker create -p 8080:80 nginx               | docker create -p 127.0.0.1:8080:80 nginx
            docker container run -p 8080:80 nginx        | docker container run -p 127.0.0.1:8080:80 nginx
            docker container create -p 8080:80 nginx     | docker container create -p 127.0.0.1:8080:80 nginx
            docker --context x run -p 8080:80 nginx      | docker --context x run -p 127.0.0.1:8080:80 nginx
            docker -H unix:///d.sock run -p 1:2 nginx    | docker -H unix:///d.sock run -p 127.0.0.1:1:2 nginx
            docker --log-level=debug -D run -p 1:2 nginx | docker --log-level=debug -D run -p 127.0.0.1:1:2 nginx
            /usr/bin/docker run -p 1:2 nginx             | /usr/bin/docker run -p 127.0.0.1:1:2 nginx
            exec docker run -p 1:2 nginx                 | exec docker run -p 127.0.0.1:1:2 nginx
            """)
    void publicationFormsAreBoundToLoopback(String original, String expected) {
        assertThat(rewrite(original)).isEqualTo(expected);
        assertThat(ContainerCliLine.parse(original).runs().getFirst().image()).isEqualTo("nginx");
    }

    @Test
    void combinedShortFlags() {
        assertThat(rewrite("docker run -dit -p 80:80 nginx")).isEqualTo("docker run -dit -p 127.0.0.1:80:80 nginx");
        assertThat(rewrite("docker run -itdp 8080:80 nginx")).isEqualTo("docker run -itdp 127.0.0.1:8080:80 nginx");
        assertThat(rewrite("docker run -dp8080:80 nginx")).isEqualTo("docker run -dp127.0.0.1:8080:80 nginx");
        assertThat(ContainerCliLine.parse("docker run -dit nginx sh").runs().getFirst())
                .extracting(ContainerRun::image, ContainerRun::containerArgs).containsExactly("nginx", List.of("sh"));
    }

    @Test
    void optionValuesAreNeverTakenForOptionsOrTheImage() {
        ContainerCliLine command = ContainerCliLine.parse("docker run -e 'X=-p 1:1' --name -p -w /app -l a=b "
                + "--label=-p -v /x:/y --mount type=bind,src=/a,dst=/b --env-file .env --cpus 2 -m 1g "
                + "--restart always --entrypoint /bin/sh -u 1000 --network bridge -p 9:9 nginx");
        ContainerRun run = command.runs().getFirst();
        assertThat(run.image()).isEqualTo("nginx");
        assertThat(run.publications()).extracting(PortPublication::toSpec).containsExactly("9:9");
        assertThat(run.networks()).containsExactly("bridge");
    }

    @Test
    void everythingAfterTheImageBelongsToTheContainerAndIsNotTouched() {
        String line = "docker run --rm nginx -p 80:80 --network host -P";
        ContainerCliLine command = ContainerCliLine.parse(line);
        assertThat(command.refusals()).isEmpty();
        assertThat(command.publishesPorts()).isFalse();
        assertThat(command.runs().getFirst().containerArgs()).containsExactly("-p", "80:80", "--network", "host", "-P");
        assertThat(rewrite(line)).isEqualTo(line);
    }

    @Test
    void doubleDashEndsTheOptions() {
        ContainerRun run = ContainerCliLine.parse("docker run -d -- nginx -p 1:1").runs().getFirst();
        assertThat(run.image()).isEqualTo("nginx");
        assertThat(run.containerArgs()).containsExactly("-p", "1:1");
        assertThat(run.publications()).isEmpty();
    }

    @Test
    void quotedWordsKeepTheirQuotesAndTheContainersArguments() {
        String line = "docker run --name \"my app\" -p '8080:80' nginx sh -c 'echo \"-p 1:2\" $HOME'";
        assertThat(rewrite(line))
                .isEqualTo("docker run --name \"my app\" -p 127.0.0.1:8080:80 nginx sh -c 'echo \"-p 1:2\" $HOME'");
    }

    @Test
    void thePortVariableStaysAVariable() {
        assertThat(rewrite("docker run -p $PORT:80 nginx")).isEqualTo("docker run -p 127.0.0.1:\"$PORT\":80 nginx");
        assertThat(rewrite("docker run -p \"${PORT}:80\" nginx")).isEqualTo("docker run -p 127.0.0.1:\"${PORT}\":80 nginx");
    }

    @Test
    void everyDockerRunInACompoundLineIsRewrittenAndRedirectionsStay() {
        String line = "cd /srv && docker run -p 1:1 a > log 2>&1; docker run -p 2:2 b | tee x";
        assertThat(rewrite(line))
                .isEqualTo("cd /srv && docker run -p 127.0.0.1:1:1 a > log 2>&1; docker run -p 127.0.0.1:2:2 b | tee x");
        assertThat(ContainerCliLine.parse(line).runs()).extracting(ContainerRun::image).containsExactly("a", "b");
    }

    @Test
    void theListOfChangesSaysWhatWasExposed() {
        LoopbackRewrite result = ContainerCliLine.parse("docker run -p 8080:80 -p 127.0.0.1:9:9 -p 80 x").rewriteForLoopback();
        assertThat(result.changes()).containsExactly(
                "-p 8080:80 -> -p 127.0.0.1:8080:80 (docker would listen on 0.0.0.0 and [::]:8080->80; now only 127.0.0.1:8080->80)",
                "-p 80 -> -p 127.0.0.1::80 (docker would listen on 0.0.0.0 and [::]:(random)->80; now only 127.0.0.1:(random)->80)");
        assertThat(ContainerCliLine.parse("docker run -p 127.0.0.1:9:9 x").rewriteForLoopback().changed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker run --network host nginx", "docker run --net=host nginx",
        "docker run --network=host nginx", "docker run --net host -p 80:80 nginx", "docker create --network host x",
        "docker run --network name=host nginx", "docker run --network alias=web,name=host x",
        "docker run --network=name=host,driver-opt=a=b x"})
    void hostNetworkIsRefusedWithTheSafeAlternative(String line) {
        ContainerCliLine command = ContainerCliLine.parse(line);
        assertThat(command.refusals()).containsExactly(ContainerCliLine.HOST_NETWORK_REASON);
        assertThat(command.refusals().getFirst()).contains("-p {port}:CONTAINERPORT");
        assertThatThrownBy(command::rewriteForLoopback).isInstanceOf(ContainerCliRefusedException.class)
                .hasMessageContaining("--network host shares the host's network stack");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker run -P nginx", "docker run --publish-all nginx", "docker run -dP nginx",
        "docker run --publish-all=true nginx"})
    void publishAllIsRefused(String line) {
        assertThat(ContainerCliLine.parse(line).refusals()).containsExactly(ContainerCliLine.PUBLISH_ALL_REASON);
    }

    @Test
    void publishAllFalseIsFine() {
        assertThat(ContainerCliLine.parse("docker run --publish-all=false nginx").refusals()).isEmpty();
    }

    @Test
    void dockersLongNetworkFormIsReadForItsName() {
        ContainerCliLine command = ContainerCliLine.parse("docker run --network name=backend,alias=web x");
        assertThat(command.refusals()).isEmpty();
        assertThat(command.runs().getFirst().networks()).containsExactly("backend");
        // podman's mode:options is not docker's long form: "bridge:ip=..." is the bridge mode, allowed.
        assertThat(ContainerCliLine.parse("podman run --network bridge:ip=10.88.0.5 x").refusals()).isEmpty();
    }

    @Test
    void containerNetworkIsAllowedWithANote() {
        ContainerCliLine command = ContainerCliLine.parse("docker run --network container:db nginx");
        assertThat(command.refusals()).isEmpty();
        assertThat(command.notes()).singleElement().asString().contains("container:db").contains("db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3 -m http.server {port}", "echo docker run -p 80:80 x",
        "sh -c 'exit 0'", "make docker", "PORT=1 node server.js"})
    void otherCommandsAreNotDocker(String line) {
        ContainerCliLine command = ContainerCliLine.parse(line);
        assertThat(command.isNotContainerCli()).isTrue();
        assertThat(rewrite(line)).isEqualTo(line);
    }

    @Test
    void composeIsNotRewrittenButNoted() {
        ContainerCliLine command = ContainerCliLine.parse("docker compose up");
        assertThat(command.isContainerRun()).isFalse();
        assertThat(command.isNotContainerCli()).isFalse();
        assertThat(command.otherContainerCliCommands()).containsExactly("docker compose");
        assertThat(command.notes()).singleElement().asString().contains("not rewrite").contains("compose");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sudo docker run -p 80:80 x", "env A=1 docker run x", "nohup /usr/bin/docker run x"})
    void dockerBehindAWrapperIsRefused(String line) {
        assertThat(ContainerCliLine.parse(line).refusals()).singleElement().asString().contains("cannot be checked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker run $OPTS nginx", "docker run \"$IMAGE\"", "docker run -p $HOSTPORT:80 x",
        "docker run --network $NET x", "docker run --frobnicate x", "docker run -Z x", "docker run -p",
        "docker --weird run x", "docker run -p 80: x"})
    void whatLpmCannotReadIsRefused(String line) {
        assertThat(ContainerCliLine.parse(line).refusals()).hasSize(1);
    }

    /** The real sh reads the rewritten line as the intended words (docker is a function that prints them). */
    @Test
    void shReadsTheRewrittenCommandAsIntended() throws Exception {
        String rewritten = rewrite("docker run -p [::]:9:9 --name 'a b' -p $PORT:80 -v \"$PWD\":/w img sh -c 'echo \"$X\"'");
        ProcessBuilder sh = new ProcessBuilder("sh", "-c", "docker() { printf '<%s>' \"$@\"; }; " + rewritten)
                .redirectErrorStream(true);
        sh.environment().put("PORT", "4000");
        sh.directory(new java.io.File("/")); // sh sets $PWD to its working directory
        Process process = sh.start();
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        assertThat(printed).isEqualTo("<run><-p><[::1]:9:9><--name><a b><-p><127.0.0.1:4000:80><-v></:/w><img><sh><-c><echo \"$X\">");
    }

    /** parse(rewrite(x)): only loopback, same image and container arguments, and sh reads the same words. */
    @ParameterizedTest
    @ValueSource(strings = {
        "docker run -d -p 8080:80 -p [::]:9:9 -p80 --name 'a b' img sh -c 'echo \"$X\"' -p 1:1",
        "docker --context x container run -dp8000-8010:8000-8010/udp -e K=\"v w\" img arg",
        "docker run -p $PORT:80 -v \"$PWD\":/w img",
        "docker run --publish=192.168.1.5:{port}:80 -- img -- x"})
    void rewriteRoundTrip(String line) {
        ContainerCliLine before = ContainerCliLine.parse(line);
        ContainerCliLine after = ContainerCliLine.parse(before.rewriteForLoopback().command());
        assertThat(after.runs()).hasSameSizeAs(before.runs());
        for (int k = 0; k < before.runs().size(); k++) {
            ContainerRun b = before.runs().get(k);
            ContainerRun a = after.runs().get(k);
            assertThat(a.publications()).allMatch(PortPublication::isLoopback).hasSameSizeAs(b.publications());
            assertThat(a.image()).isEqualTo(b.image());
            assertThat(a.containerArgs()).isEqualTo(b.containerArgs());
            assertThat(a.publications()).extracting(PortPublication::hostPort, PortPublication::containerPort)
                    .isEqualTo(b.publications().stream().map(p -> org.assertj.core.groups.Tuple.tuple(p.hostPort(),
                            p.containerPort())).toList());
        }
        assertThat(after.rewriteForLoopback().changed()).isFalse();
    }
}

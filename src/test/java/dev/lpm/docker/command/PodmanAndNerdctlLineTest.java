package dev.lpm.docker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** podman and nerdctl lines: read with their own option tables, rewritten and refused as docker's are. */
class PodmanAndNerdctlLineTest {

    private static String rewrite(String line) {
        return ContainerCliLine.parse(line).rewriteForLoopback().command();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            podman run -p 8080:80 nginx                                    | podman run -p 127.0.0.1:8080:80 nginx
            podman run -p8080:80 nginx                                     | podman run -p127.0.0.1:8080:80 nginx
            podman run --publish=8080:80 nginx                             | podman run --publish=127.0.0.1:8080:80 nginx
            podman run -dp 0.0.0.0:8080:80 nginx                           | podman run -dp 127.0.0.1:8080:80 nginx
            podman run -p [::]:8080:80 nginx                               | podman run -p '[::1]:8080:80' nginx
            podman run -p 80 nginx                                         | podman run -p 127.0.0.1::80 nginx
            podman create -p {port}:80 nginx                               | podman create -p 127.0.0.1:{port}:80 nginx
            podman container run -p 8080:80 nginx                          | podman container run -p 127.0.0.1:8080:80 nginx
            podman container create -p 8080:80 nginx                       | podman container create -p 127.0.0.1:8080:80 nginx
            podman --remote run -p 1:2 nginx                               | podman --remote run -p 127.0.0.1:1:2 nginx
            podman -r --connection vm run -p 1:2 nginx                     | podman -r --connection vm run -p 127.0.0.1:1:2 nginx
            podman --url unix:///run/user/1000/podman/podman.sock run -p 1:2 nginx | podman --url unix:///run/user/1000/podman/podman.sock run -p 127.0.0.1:1:2 nginx
            podman --root /srv/s --log-level=debug run -p 1:2 nginx        | podman --root /srv/s --log-level=debug run -p 127.0.0.1:1:2 nginx
            podman run --root /srv/s --storage-driver vfs -p 1:2 nginx     | podman run --root /srv/s --storage-driver vfs -p 127.0.0.1:1:2 nginx
            podman run --userns keep-id --uidmap 0:1:1 -p 1:2 nginx        | podman run --userns keep-id --uidmap 0:1:1 -p 127.0.0.1:1:2 nginx
            podman run --pod new:web -p {port}:80 nginx                    | podman run --pod new:web -p 127.0.0.1:{port}:80 nginx
            podman run --network slirp4netns:allow_host_loopback=true -p 1:2 nginx | podman run --network slirp4netns:allow_host_loopback=true -p 127.0.0.1:1:2 nginx
            podman run --network pasta -p 1:2 nginx                        | podman run --network pasta -p 127.0.0.1:1:2 nginx
            podman run --net private -p 1:2 nginx                          | podman run --net private -p 127.0.0.1:1:2 nginx
            podman run --rmi --replace --tls-verify=false -p 1:2 nginx     | podman run --rmi --replace --tls-verify=false -p 127.0.0.1:1:2 nginx
            podman-remote run -p 1:2 nginx                                 | podman-remote run -p 127.0.0.1:1:2 nginx
            /usr/bin/podman run -p 1:2 nginx                               | /usr/bin/podman run -p 127.0.0.1:1:2 nginx
            exec podman run -p 1:2 nginx                                   | exec podman run -p 127.0.0.1:1:2 nginx
            nerdctl run -p 8080:80 nginx                                   | nerdctl run -p 127.0.0.1:8080:80 nginx
            nerdctl run -p [::]:8080:80 nginx                              | nerdctl run -p '[::1]:8080:80' nginx
            nerdctl create -p {port}:80 nginx                              | nerdctl create -p 127.0.0.1:{port}:80 nginx
            nerdctl container run -p 8080:80 nginx                         | nerdctl container run -p 127.0.0.1:8080:80 nginx
            nerdctl --namespace k8s.io run -p 1:2 nginx                    | nerdctl --namespace k8s.io run -p 127.0.0.1:1:2 nginx
            nerdctl -n k8s.io --address /run/containerd/containerd.sock run -p 1:2 nginx | nerdctl -n k8s.io --address /run/containerd/containerd.sock run -p 127.0.0.1:1:2 nginx
            nerdctl run -n k8s.io --snapshotter stargz -p 1:2 nginx        | nerdctl run -n k8s.io --snapshotter stargz -p 127.0.0.1:1:2 nginx
            nerdctl run --verify none --ipfs-address /ip4/x -p 1:2 nginx   | nerdctl run --verify none --ipfs-address /ip4/x -p 127.0.0.1:1:2 nginx
            command nerdctl run -p 1:2 nginx                               | command nerdctl run -p 127.0.0.1:1:2 nginx
            """)
    void publicationsAreBoundToLoopback(String original, String expected) {
        assertThat(rewrite(original)).isEqualTo(expected);
        assertThat(ContainerCliLine.parse(original).runs().getFirst().image()).isEqualTo("nginx");
    }

    @Test
    void quotedWordsAndTheContainersArgumentsAreKept() {
        assertThat(rewrite("podman run --name \"my app\" -p '8080:80' nginx sh -c 'echo \"-p 1:2\" $HOME'"))
                .isEqualTo("podman run --name \"my app\" -p 127.0.0.1:8080:80 nginx sh -c 'echo \"-p 1:2\" $HOME'");
        assertThat(rewrite("nerdctl run -e 'X=-p 1:1' -p \"$PORT:80\" nginx -p 9:9"))
                .isEqualTo("nerdctl run -e 'X=-p 1:1' -p 127.0.0.1:\"$PORT\":80 nginx -p 9:9");
    }

    @Test
    void eachToolsOwnOptionValuesAreNeverTakenForTheImage() {
        ContainerRun podman = ContainerCliLine.parse("podman run --pod-id-file /run/pod.id --uidmap 0:100000:5000 "
                + "--gidmap 0:100000:5000 --subuidname u --secret s --health-on-failure kill -p 9:9 nginx -p 1:1").runs()
                .getFirst();
        assertThat(podman.image()).isEqualTo("nginx");
        assertThat(podman.publications()).extracting(PortPublication::toSpec).containsExactly("9:9");
        assertThat(podman.containerArgs()).containsExactly("-p", "1:1");
        ContainerRun nerdctl = ContainerCliLine.parse("nerdctl run --cosign-key k.pub --init-binary tini -H x -p 9:9 "
                + "nginx").runs().getFirst();
        assertThat(nerdctl.image()).isEqualTo("nginx");
        assertThat(nerdctl.publications()).extracting(PortPublication::toSpec).containsExactly("9:9");
    }

    @Test
    void theRunsKnowTheirTool() {
        ContainerCliLine line = ContainerCliLine.parse("podman run -p 1:1 a && /usr/bin/nerdctl run -p 2:2 b; "
                + "docker run -p 3:3 c; podman-remote create d");
        assertThat(line.runs()).extracting(ContainerRun::tool).containsExactly("podman", "nerdctl", "docker",
                "podman-remote");
        assertThat(line.isContainerRun()).isTrue();
        assertThat(rewrite(line.line())).isEqualTo("podman run -p 127.0.0.1:1:1 a && /usr/bin/nerdctl run "
                + "-p 127.0.0.1:2:2 b; docker run -p 127.0.0.1:3:3 c; podman-remote create d");
    }

    @Test
    void theListOfChangesNamesTheTool() {
        assertThat(ContainerCliLine.parse("podman run -p 8080:80 x").rewriteForLoopback().changes()).containsExactly(
                "-p 8080:80 -> -p 127.0.0.1:8080:80 (podman would listen on 0.0.0.0 and [::]:8080->80; now only "
                        + "127.0.0.1:8080->80)");
        assertThat(ContainerCliLine.parse("nerdctl run -p 80 x").rewriteForLoopback().changes()).singleElement()
                .asString().contains("(nerdctl would listen on 0.0.0.0 and [::]:(random)->80");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "podman | podman run --network host nginx", "podman | podman run --network=host nginx",
        "podman | podman run --net host -p 80:80 nginx", "podman | podman create --net=host x",
        "podman | podman --remote container run --network host x", "podman-remote | podman-remote run --network host x",
        "nerdctl | nerdctl run --network host nginx", "nerdctl | nerdctl run --net=host nginx"})
    void hostNetworkIsRefusedNamingTheTool(String tool, String line) {
        ContainerCliLine command = ContainerCliLine.parse(line);
        assertThat(command.refusals()).containsExactly(ContainerCliLine.hostNetworkReason(tool));
        assertThat(command.refusals().getFirst()).startsWith(tool + " --network host shares the host's network stack")
                .contains("-p {port}:CONTAINERPORT").doesNotContain("docker");
        assertThatThrownBy(command::rewriteForLoopback).isInstanceOf(ContainerCliRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"podman run --network ns:/proc/1/ns/net nginx", "podman run --net=ns:/run/netns/x nginx",
        "nerdctl run --network ns:/proc/self/ns/net nginx"})
    void aNetworkNamespacePathIsRefusedLikeHost(String line) {
        assertThat(ContainerCliLine.parse(line).refusals()).singleElement().asString()
                .contains("--network ns:/").contains("may be the host's").contains("-p {port}:CONTAINERPORT");
    }

    @Test
    void pastaWithItsOwnOptionsIsRefusedPlainPastaIsNot() {
        assertThat(ContainerCliLine.parse("podman run --network pasta:-t,8080 nginx").refusals()).singleElement()
                .asString().startsWith("podman --network pasta:-t,8080 passes its options to pasta")
                .contains("use --network pasta");
        assertThat(ContainerCliLine.parse("podman run --network pasta -p {port}:80 nginx").refusals()).isEmpty();
    }

    @Test
    void dockerKeepsItsOwnNetworkRules() {
        // docker has no ns: mode (it would look for a network of that name): left to docker, as before.
        assertThat(ContainerCliLine.parse("docker run --network ns:/proc/1/ns/net nginx").refusals()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"podman | podman run -P nginx", "podman | podman run --publish-all nginx",
        "podman | podman run -dP nginx", "nerdctl | nerdctl run -P nginx", "nerdctl | nerdctl create --publish-all=true x"})
    void publishAllIsRefusedNamingTheTool(String tool, String line) {
        assertThat(ContainerCliLine.parse(line).refusals()).containsExactly(ContainerCliLine.publishAllReason(tool));
    }

    /** podman's and nerdctl's --publish (and nerdctl's --network) read a value as a CSV list. */
    @ParameterizedTest
    @ValueSource(strings = {"podman run -p 127.0.0.1:8080:80,9090:90 nginx", "podman run --publish=1:1,2:2 nginx",
        "nerdctl run -p 80:80,443:443 nginx", "nerdctl run --network bridge,host nginx",
        "nerdctl run --net '\"host\"' nginx", "nerdctl run -p '\"8080:80\"' nginx"})
    void aCommaSeparatedValueIsRefused(String line) {
        assertThat(ContainerCliLine.parse(line).refusals()).singleElement().asString()
                .contains("as a comma-separated list").contains("give each value its own --");
    }

    @Test
    void podmansNetworkListIsNotSplitByItsFlagParser() {
        // --network is a string array in podman: "a,b" names two networks, never host mode.
        assertThat(ContainerCliLine.parse("podman run --network a,b -p 1:1 nginx").refusals()).isEmpty();
    }

    @Test
    void joiningAPodIsAllowedWithANote() {
        ContainerCliLine line = ContainerCliLine.parse("podman run --pod web nginx");
        assertThat(line.refusals()).isEmpty();
        assertThat(line.notes()).singleElement().asString().contains("--pod web").contains("podman pod create");
        assertThat(ContainerCliLine.parse("podman run --pod new:web -p 1:1 nginx").notes()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "podman run --link db nginx            | lpm does not know the podman run option `--link`",
        "docker run --pod web nginx            | lpm does not know the docker run option `--pod`",
        "nerdctl run -c 2 nginx                | lpm does not know the nerdctl run option `-c`",
        "podman --frobnicate run nginx         | lpm does not know the podman option `--frobnicate`",
        "nerdctl run $OPTS nginx               | where nerdctl expects an option or the image",
        "podman $SUB -p 1:1 nginx              | the podman subcommand `$SUB`"})
    void whatLpmCannotReadIsRefusedNamingTheTool(String line, String reason) {
        assertThat(ContainerCliLine.parse(line.strip()).refusals()).singleElement().asString().contains(reason.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"podman | sudo podman run -p 80:80 x", "nerdctl | env A=1 nerdctl run x",
        "podman-remote | nohup /usr/bin/podman-remote run x", "podman | doas podman compose up"})
    void aToolBehindAWrapperIsRefused(String tool, String line) {
        assertThat(ContainerCliLine.parse(line).refusals()).containsExactly(tool + " started through `"
                + line.split(" ")[0] + "` cannot be checked by lpm; register the " + tool + " command itself (without "
                + line.split(" ")[0] + ")");
    }

    @Test
    void composeAndOtherSubcommandsAreNotRewrittenButNoted() {
        ContainerCliLine podman = ContainerCliLine.parse("podman compose up");
        assertThat(podman.isContainerRun()).isFalse();
        assertThat(podman.isNotContainerCli()).isFalse();
        assertThat(podman.otherContainerCliCommands()).containsExactly("podman compose");
        assertThat(podman.notes()).singleElement().asString().contains("not a podman run/create")
                .contains("127.0.0.1:PORT:PORT").doesNotContain("API guard");
        assertThat(ContainerCliLine.parse("nerdctl start web").otherContainerCliCommands()).containsExactly("nerdctl start");
    }

    @ParameterizedTest
    @ValueSource(strings = {"podman run -p {port}:80 img", "nerdctl run -p {port}:80 img",
        "docker run -p {port}:80 a; podman run b"})
    void isolationIsRefusedForClisThatDoNotUseLpmsEngine(String line) {
        assertThatThrownBy(() -> ContainerCliLine.parse(line).rewriteForIsolation("lpm-isolated", "lpm-web", "k", "v"))
                .isInstanceOf(ContainerCliRefusedException.class)
                .hasMessageContaining("--isolated works with docker only")
                .hasMessageContaining("register it without --isolated");
    }

    /** The real sh reads the rewritten line as intended (podman is a function that prints its arguments). */
    @Test
    void shReadsTheRewrittenCommandAsIntended() throws Exception {
        String rewritten = rewrite("podman --remote run -p [::]:9:9 --name 'a b' --userns keep-id -p $PORT:80 img "
                + "sh -c 'echo \"$X\"'");
        ProcessBuilder sh = new ProcessBuilder("sh", "-c", "podman() { printf '<%s>' \"$@\"; }; " + rewritten)
                .redirectErrorStream(true);
        sh.environment().put("PORT", "4000");
        Process process = sh.start();
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        assertThat(printed).isEqualTo("<--remote><run><-p><[::1]:9:9><--name><a b><--userns><keep-id><-p>"
                + "<127.0.0.1:4000:80><img><sh><-c><echo \"$X\">");
    }

    /** parse(rewrite(x)): only loopback, same images and container arguments. */
    @ParameterizedTest
    @ValueSource(strings = {
        "podman run -d -p 8080:80 -p [::]:9:9 -p80 --name 'a b' img sh -c 'echo \"$X\"' -p 1:1",
        "podman --remote container run -dp8000-8010:8000-8010/udp --pod new:p img arg",
        "nerdctl -n k8s.io run -p $PORT:80 -v \"$PWD\":/w img",
        "nerdctl run --publish=192.168.1.5:{port}:80 -- img -- x"})
    void rewriteRoundTrip(String line) {
        ContainerCliLine before = ContainerCliLine.parse(line);
        ContainerCliLine after = ContainerCliLine.parse(before.rewriteForLoopback().command());
        List<ContainerRun> b = before.runs();
        List<ContainerRun> a = after.runs();
        assertThat(a).hasSameSizeAs(b);
        for (int k = 0; k < b.size(); k++) {
            assertThat(a.get(k).publications()).allMatch(PortPublication::isLoopback).hasSameSizeAs(b.get(k).publications());
            assertThat(a.get(k).image()).isEqualTo(b.get(k).image());
            assertThat(a.get(k).containerArgs()).isEqualTo(b.get(k).containerArgs());
        }
        assertThat(after.rewriteForLoopback().changed()).isFalse();
    }
}

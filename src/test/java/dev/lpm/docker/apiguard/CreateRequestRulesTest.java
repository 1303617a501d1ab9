package dev.lpm.docker.apiguard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CreateRequestRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CreateRequestRules.Verdict check(String body, boolean vpn) {
        return CreateRequestRules.check(body.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "web", vpn, true);
    }

    private static JsonNode forwarded(String body) throws Exception {
        var verdict = check(body, false);
        assertThat(verdict).isInstanceOf(CreateRequestRules.Verdict.Forward.class);
        return JSON.readTree(((CreateRequestRules.Verdict.Forward) verdict).body());
    }

    private static String refused(String body, boolean vpn) {
        var verdict = check(body, vpn);
        assertThat(verdict).isInstanceOf(CreateRequestRules.Verdict.Refuse.class);
        return ((CreateRequestRules.Verdict.Refuse) verdict).message();
    }

    @Test
    void everyHostIpBecomesLoopbackOfItsFamily() throws Exception {
        JsonNode out = forwarded("{'Image':'x','HostConfig':{'PortBindings':{'80/tcp':[{'HostIp':'','HostPort':'8080'},"
                + "{'HostIp':'0.0.0.0','HostPort':'8081'},{'HostIp':'::','HostPort':'8082'},"
                + "{'HostIp':'192.168.1.5','HostPort':'8083'},{'HostIp':'127.0.0.2','HostPort':'8084'},"
                + "{'HostIp':'::1','HostPort':'8085'},{'HostPort':'8086'},{'HostIp':'fe80::1','HostPort':'8087'}]}}}");
        assertThat(out.at("/HostConfig/PortBindings/80~1tcp").findValuesAsText("HostIp"))
                .containsExactly("127.0.0.1", "127.0.0.1", "::1", "127.0.0.1", "127.0.0.2", "::1", "127.0.0.1", "::1");
        assertThat(out.at("/Labels/dev.lpm.via-api-guard").asText()).isEqualTo("true");
    }

    @Test
    void untouchedFieldsKeepTheirExactValues() throws Exception {
        JsonNode out = forwarded("{'Image':'x','Labels':{'a':'b'},'HostConfig':{'NanoCpus':9007199254740993,"
                + "'CpuPercent':0.1000000000000000055}}");
        assertThat(out.at("/HostConfig/NanoCpus").asText()).isEqualTo("9007199254740993");
        assertThat(out.at("/Labels/a").asText()).isEqualTo("b");
    }

    @Test
    void hostNetworkPublishAllAndLegacyTopLevelFieldsAreRefused() {
        assertThat(refused("{'HostConfig':{'NetworkMode':'host'}}", false)).contains("--network host");
        assertThat(refused("{'HostConfig':{'PublishAllPorts':true}}", false)).contains("-P, --publish-all");
        assertThat(refused("{'PortBindings':{'80/tcp':[{'HostPort':'1'}]}}", false)).contains("top level");
    }

    @Test
    void goStyleCaseInsensitiveKeysAndDuplicatesCannotSneakPast() throws Exception {
        assertThat(refused("{'hostconfig':{'networkmode':'host'}}", false)).contains("--network host");
        // Go folds the long s (U+017F) to s: "Hoſtconfig" is HostConfig to the engine.
        assertThat(refused("{'Ho\u017Ftconfig':{'NetworkMode':'host'}}", false)).contains("--network host");
        assertThat(refused("{'HostConfig':{},'hostConfig':{'NetworkMode':'host'}}", false)).contains("twice");
        assertThat(refused("{'HostConfig':{},'HostConfig':{'NetworkMode':'host'}}", false)).contains("duplicate");
        JsonNode out = forwarded("{'hostconfig':{'portbindings':{'80/tcp':[{'hostip':'0.0.0.0','HostPort':'1'}]}}}");
        assertThat(out.at("/hostconfig/portbindings/80~1tcp/0/hostip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void theKillSwitchBlocksPublishingUnlessBypassed() throws Exception {
        String publishing = "{'HostConfig':{'PortBindings':{'80/tcp':[{'HostPort':'8080'}]}}";
        assertThat(refused(publishing + "}", true)).contains("SECURITY BLOCK: Container 'web'",
                "MITM attack risk through VPN tunnel manipulation.");
        var bypass = check(publishing + ",'Labels':{'dev.lpm.kill-switch':'bypass'}}", true);
        assertThat(bypass).isInstanceOf(CreateRequestRules.Verdict.Forward.class);
        assertThat(check("{'HostConfig':{'PortBindings':{}}}", true)).isInstanceOf(CreateRequestRules.Verdict.Forward.class);
    }

    @Test
    void routesAreRecognisedInEverySpellingTheEngineAccepts() throws Exception {
        assertThat(route(HttpMethod.POST, "/v1.41/containers/create?name=a")).isEqualTo(ApiRoute.CREATE);
        assertThat(route(HttpMethod.POST, "/containers/create")).isEqualTo(ApiRoute.CREATE);
        assertThat(route(HttpMethod.POST, "//v1.41//containers/./%63reate")).isEqualTo(ApiRoute.CREATE);
        assertThat(route(HttpMethod.GET, "/containers/create")).isEqualTo(ApiRoute.OTHER);
        assertThat(route(HttpMethod.POST, "/v1.23/containers/abc/start")).isEqualTo(ApiRoute.START);
        assertThat(route(HttpMethod.POST, "/v1.41/exec/abc/start")).isEqualTo(ApiRoute.HIJACK);
        assertThat(route(HttpMethod.POST, "/v1.41/containers/abc/attach?stream=1")).isEqualTo(ApiRoute.HIJACK);
        assertThat(route(HttpMethod.POST, "/v1.41/containers/abc/exec")).isEqualTo(ApiRoute.EXEC_CREATE);
        assertThat(route(HttpMethod.POST, "/v1.41/build?networkmode=host")).isEqualTo(ApiRoute.BUILD);
        assertThat(route(HttpMethod.valueOf("post"), "http://docker/v1.41/containers/create")).isEqualTo(ApiRoute.CREATE);
        assertThat(ApiRoute.queryValue(RequestTarget.parse("/v1.41/containers/create?name=web"), "name")).isEqualTo("web");
    }

    private static ApiRoute route(HttpMethod method, String target) throws RequestTarget.Unreadable {
        return ApiRoute.of(method, RequestTarget.parse(target));
    }
}

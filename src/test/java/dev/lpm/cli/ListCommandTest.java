package dev.lpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.control.ServiceView;
import dev.lpm.core.PortExposure;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Settings;
import dev.lpm.storage.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-04T20:00:00Z");

    private static ServiceView view(String name, String command, int port, String... listensOn) {
        ServiceSpec spec = new ServiceSpec(ServiceName.of(name), command, port, ServiceFlags.NONE, null, Map.of(), NOW,
                true);
        PortExposure exposure = PortExposure.of(List.of(listensOn)).orElse(null);
        ServiceStatus running = new ServiceStatus(ServiceState.RUNNING, "accepting connections on port " + port, NOW,
                42L, null, 0, exposure);
        return ServiceView.of(new Service(spec, running), Settings.DEFAULTS.urlOf(spec.name(), false), Settings.DEFAULTS, null);
    }

    private static String print(List<ServiceView> services) {
        StringWriter text = new StringWriter();
        ListCommand.print(services, new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void theGroupColumnAppearsOnceAProjectRegisteredAService() {
        ServiceSpec grouped = new ServiceSpec(ServiceName.of("web"), "npm run dev", 4001, ServiceFlags.NONE, null,
                Map.of(), NOW, true, null, null, "shop");
        ServiceView web = ServiceView.of(new Service(grouped, new ServiceStatus(ServiceState.STOPPED, "", NOW, null,
                null, 0)), Settings.DEFAULTS.urlOf(grouped.name(), false), Settings.DEFAULTS, null);
        ServiceView api = view("api", "node api.js", 4000, "127.0.0.1");

        assertThat(print(List.of(api))).doesNotContain("GROUP");
        assertThat(print(List.of(api, web))).isEqualTo("""
                NAME  GROUP  STATE    PORT  URL                        COMMAND
                api   -      running  4000  http://api.localhost:1355  node api.js
                web   shop   stopped  4001  http://web.localhost:1355  npm run dev
                """);
        assertThat(web.group()).isEqualTo("shop");
    }

    @Test
    void aServiceOnEveryInterfaceIsFlaggedWithWhatToDo() {
        String out = print(List.of(
                view("api", "python3 -m http.server {port}", 4000, "0.0.0.0"),
                view("web", "python3 -m http.server --bind 127.0.0.1 {port}", 4001, "127.0.0.1")));

        assertThat(out).isEqualTo("""
                NAME  STATE                         PORT  URL                        COMMAND
                api   running [listens on 0.0.0.0]  4000  http://api.localhost:1355  python3 -m http.server {port}
                web   running                       4001  http://web.localhost:1355  python3 -m http.server --bind 127.0.0.1 {port}

                api: other machines can reach it on port 4000 unless lpm's port firewall is on.
                  fix (python http.server): add --bind 127.0.0.1: python3 -m http.server --bind 127.0.0.1 {port}; \
                then register it again with that command: lpm unregister api && lpm register api --port 4000 "..."
                """);
    }

    @Test
    void theFlagNamesEveryNonLoopbackAddressAndNothingIsSaidWithoutOne() {
        assertThat(print(List.of(view("web", "npm run dev", 4001, "::1", "192.168.1.5", "::"))))
                .contains("running [listens on 192.168.1.5, ::]")
                .contains("fix (Node.js): ");
        assertThat(print(List.of(view("db", "postgres -p {port}", 4002, "127.0.0.1", "::1"), view("x", "sleep 9", 4003))))
                .doesNotContain("listens on").doesNotContain("fix");
    }

    @Test
    void jsonCarriesTheExposureInLowercaseAndReadsBack() {
        ServiceView api = view("api", "python3 -m http.server {port}", 4000, "0.0.0.0");

        JsonNode json = Json.mapper().valueToTree(api);

        assertThat(json.get("exposure").toString()).isEqualTo("{\"reach\":\"all-interfaces\",\"addresses\":[\"0.0.0.0\"]}");
        assertThat(Output.service(json)).isEqualTo(api);
        assertThat(Json.mapper().valueToTree(view("x", "sleep 9", 4003)).get("exposure").isNull()).isTrue();
    }
}

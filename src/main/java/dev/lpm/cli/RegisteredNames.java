package dev.lpm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.config.LpmHome;
import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlRequest;
import dev.lpm.registry.RegistryStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The registered service names: from the running instance when there is one (what {@code lpm list}
 * shows), else from the registry file, so {@code sudo lpm hosts sync} needs no daemon.
 */
final class RegisteredNames {

    private RegisteredNames() {}

    static List<String> read(LpmHome home) {
        ControlClient client = new ControlClient(home.controlSocket());
        if (client.isAvailable()) {
            List<String> names = new ArrayList<>();
            JsonNode services = client.call(new ControlRequest.ListServices());
            services.forEach(node -> names.add(Output.service(node).name()));
            return names.stream().sorted().toList();
        }
        try {
            var loaded = new RegistryStore(home.services()).load();
            return loaded.value().stream().map(spec -> spec.name().value()).sorted().toList();
        } catch (IOException e) {
            throw new CliException("could not read the registry " + home.services() + ": " + e.getMessage());
        }
    }
}

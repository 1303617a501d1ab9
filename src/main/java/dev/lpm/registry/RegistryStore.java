package dev.lpm.registry;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.storage.JsonFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The registry file ({@code services.json}): a versioned document of service specs. A file that is not
 * a valid registry, whether it does not parse or parses to nonsense (a bad name, port 0, a name or port
 * used twice, a version from a newer lpm), is moved aside and reported, never repaired silently.
 *
 * <p>Not synchronized: the caller serializes saves (concurrent saves would still each be atomic, but
 * the last rename wins).
 */
public final class RegistryStore {

    public static final int VERSION = 1;

    private final JsonFile<Document> file;

    public RegistryStore(Path path) {
        this.file = new JsonFile<>(path, Document.class);
    }

    public Path path() {
        return file.path();
    }

    /**
     * Reads the specs, sorted by name. Missing file: empty list. Invalid file: moved aside, empty list
     * and the quarantine report.
     *
     * @throws IOException only when an invalid file cannot even be moved aside
     */
    public JsonFile.Loaded<List<ServiceSpec>> load() throws IOException {
        JsonFile.Loaded<Document> loaded = file.load(() -> new Document(VERSION, List.of()));
        List<ServiceSpec> specs = loaded.value().services().stream().map(ServiceEntry::toSpec).toList();
        return new JsonFile.Loaded<>(specs, loaded.quarantine());
    }

    public void save(Collection<ServiceSpec> specs) throws IOException {
        List<ServiceEntry> entries = specs.stream()
                .sorted(Comparator.comparing(ServiceSpec::name))
                .map(ServiceEntry::of)
                .toList();
        file.save(new Document(VERSION, entries));
    }

    // The file format, kept apart from the core records so those stay free of Jackson. Validation
    // lives in the compact constructors: an exception there fails Jackson's deserialization, which
    // JsonFile handles like unparsable JSON (move aside, report).

    private record Document(int version, List<ServiceEntry> services) {
        Document {
            if (version > VERSION) {
                throw new IllegalArgumentException("registry version " + version
                        + " was written by a newer lpm; this one understands version " + VERSION);
            }
            if (version < 1) {
                throw new IllegalArgumentException("missing or invalid registry version " + version);
            }
            if (services == null) {
                throw new IllegalArgumentException("the registry has no 'services' list");
            }
            Set<String> names = new HashSet<>();
            Set<Integer> ports = new HashSet<>();
            for (ServiceEntry entry : services) {
                if (entry == null) {
                    throw new IllegalArgumentException("the 'services' list holds null");
                }
                if (!names.add(entry.name())) {
                    throw new IllegalArgumentException("the service name '" + entry.name() + "' is used twice");
                }
                if (!ports.add(entry.port())) {
                    throw new IllegalArgumentException("port " + entry.port() + " is assigned to two services");
                }
            }
            services = List.copyOf(services);
        }
    }

    /**
     * {@code subdomains} is a Boolean: files written before it existed leave it out, meaning false. The
     * timeouts are absent for services that use the settings' values; {@code group} is absent for a
     * service outside any project (and in every file written before groups existed).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    private record ServiceEntry(String name, String command, int port, boolean killSwitchBypass, boolean isolated,
                                Boolean subdomains, String workingDirectory, Map<String, String> environment,
                                Instant createdAt, boolean autostart, Duration startTimeout, Duration stopGrace,
                                String group) {
        ServiceEntry {
            if (environment != null && environment.values().stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("service '" + name + "' has an environment variable without value");
            }
            if (createdAt == null) {
                throw new IllegalArgumentException("service '" + name + "' has no createdAt");
            }
            // Build the spec once to apply its rules (valid name, port 1-65535, non-blank command).
            spec(name, command, port, killSwitchBypass, isolated, subdomains, workingDirectory, environment, createdAt,
                    autostart, startTimeout, stopGrace, group);
        }

        static ServiceEntry of(ServiceSpec s) {
            return new ServiceEntry(s.name().value(), s.command(), s.port(), s.flags().killSwitchBypass(),
                    s.flags().isolated(), s.flags().subdomains(), Objects.toString(s.workingDirectory(), null),
                    s.environment(), s.createdAt(), s.autostart(), s.startTimeout(), s.stopGrace(), s.group());
        }

        ServiceSpec toSpec() {
            return spec(name, command, port, killSwitchBypass, isolated, subdomains, workingDirectory, environment,
                    createdAt, autostart, startTimeout, stopGrace, group);
        }

        private static ServiceSpec spec(String name, String command, int port, boolean killSwitchBypass,
                                        boolean isolated, Boolean subdomains, String workingDirectory,
                                        Map<String, String> environment, Instant createdAt, boolean autostart,
                                        Duration startTimeout, Duration stopGrace, String group) {
            return new ServiceSpec(ServiceName.of(name), command, port,
                    new ServiceFlags(killSwitchBypass, isolated, Boolean.TRUE.equals(subdomains)),
                    workingDirectory == null ? null : Path.of(workingDirectory), environment, createdAt, autostart,
                    startTimeout, stopGrace, group);
        }
    }
}

package dev.lpm.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.lpm.core.Durations;
import dev.lpm.core.InvalidServiceNameException;
import dev.lpm.core.ServiceName;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads {@code lpm.json}, the project file of {@code lpm up} (schema: {@code docs/lpm.schema.json}). Jackson
 * parses it strictly (unknown fields, duplicate keys and wrong types are errors at their line); then every
 * service is checked (name, command, cwd, times, port, dependencies, cycles) and all problems are reported
 * together, so nothing starts from a file that is partly wrong.
 */
public final class ProjectFile {

    public static final String FILE_NAME = "lpm.json";

    private static final ObjectReader READER = Json.mapper().readerFor(Document.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .withHandler(new UnknownFieldAtItsLine());

    private ProjectFile() {}

    /** {@code lpm.json} in {@code start} or the nearest parent that has one. */
    public static Path find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no " + FILE_NAME + " in " + start.toAbsolutePath().normalize()
                + " or any directory above it; write one (see the README, \"Daily workflow\") or give it with -f FILE");
    }

    public static Project read(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(absolute);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("there is no project file " + absolute);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + absolute + ": " + e.getMessage());
        }
        if (text.isBlank()) {
            throw new ProjectFileException(absolute, List.of(new ProjectFileException.Problem(1, "",
                    "the file is empty; it holds one object with a \"services\" object")));
        }
        Document document;
        try {
            document = READER.readValue(text);
        } catch (JsonProcessingException e) {
            throw new ProjectFileException(absolute, List.of(problemOf(e)));
        }
        if (document == null) {
            throw new ProjectFileException(absolute, List.of(new ProjectFileException.Problem(1, "",
                    "the file is empty; it holds one object with a \"services\" object")));
        }
        return new Validation(absolute, document).project();
    }

    /** Jackson's error at its line, with the field path in the file's words and no Java names. */
    private static ProjectFileException.Problem problemOf(JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String field = "";
        if (e instanceof JsonMappingException mapping) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            message = "unknown field '" + unknown.getPropertyName() + "'; known fields here: " + unknown.getKnownPropertyIds()
                    .stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            if (field.endsWith("." + unknown.getPropertyName())) {
                field = field.substring(0, field.length() - unknown.getPropertyName().length() - 1);
            }
        } else if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            message = "expected " + expected(mismatch.getTargetType()) + " here";
        } else {
            message = e.getOriginalMessage().replaceAll("\\s*\\(for Object starting at.*", "");
        }
        return new ProjectFileException.Problem(line, field, message);
    }

    private static String expected(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /**
     * Jackson reports an unknown field of a record where it noticed, which may be lines later; this
     * reports it at the field's own value.
     */
    private static final class UnknownFieldAtItsLine extends com.fasterxml.jackson.databind.deser.DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser p,
                                             com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            throw new UnrecognizedPropertyException(p, "unknown field '" + propertyName + "'",
                    p.currentTokenLocation(), type, propertyName, deserializer.getKnownPropertyNames());
        }
    }

    // The file as Jackson reads it. Names here are the file's field names (docs/lpm.schema.json).

    @SuppressWarnings("unused") // set by Jackson; a class for the same reason as ServiceFields
    @com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
    private static final class Document {
        @JsonProperty("$schema")
        String schema;
        String project;
        LinkedHashMap<String, LocatedService> services;

        String project() { return project; }
        LinkedHashMap<String, LocatedService> services() { return services; }
    }

    /**
     * A class with fields rather than a record: Jackson buffers a record's properties before calling its
     * constructor, and a buffered token has no line to report.
     */
    @SuppressWarnings("unused") // set by Jackson
    @com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
    private static final class ServiceFields {
        String command;
        String cwd;
        Map<String, String> env;
        List<String> dependsOn;
        Boolean isolated;
        Boolean killSwitchBypass;
        Boolean subdomains;
        Integer port;
        String startTimeout;
        String stopGrace;

        String command() { return command; }
        String cwd() { return cwd; }
        Map<String, String> env() { return env; }
        List<String> dependsOn() { return dependsOn; }
        Boolean isolated() { return isolated; }
        Boolean killSwitchBypass() { return killSwitchBypass; }
        Boolean subdomains() { return subdomains; }
        Integer port() { return port; }
        String startTimeout() { return startTimeout; }
        String stopGrace() { return stopGrace; }
    }

    /** A service with the line its object starts on. */
    @JsonDeserialize(using = LocatedServiceReader.class)
    private record LocatedService(ServiceFields fields, int line) {}

    private static final class LocatedServiceReader extends StdDeserializer<LocatedService> {
        LocatedServiceReader() {
            super(LocatedService.class);
        }

        @Override
        public LocatedService deserialize(JsonParser p, DeserializationContext context) throws IOException {
            int line = p.currentTokenLocation().getLineNr();
            return new LocatedService(context.readValue(p, ServiceFields.class), line);
        }
    }

    /** The checks after parsing; collects every problem before failing. */
    private static final class Validation {
        private final Path file;
        private final Document document;
        private final List<ProjectFileException.Problem> problems = new ArrayList<>();

        Validation(Path file, Document document) {
            this.file = file;
            this.document = document;
        }

        Project project() {
            String name = projectName();
            Map<ServiceName, ProjectService> services = new LinkedHashMap<>();
            if (document.services() == null || document.services().isEmpty()) {
                problems.add(new ProjectFileException.Problem(1, "services",
                        "no services: add a \"services\" object with one entry per service, e.g."
                                + " \"api\": {\"command\": \"python3 -m http.server --bind 127.0.0.1 {port}\"}"));
            } else {
                document.services().forEach((key, located) -> {
                    ProjectService service = service(key, located);
                    if (service != null) {
                        services.put(service.name(), service);
                    }
                });
            }
            List<ProjectService> ordered = new ArrayList<>();
            if (problems.isEmpty()) {
                checkDependencies(services);
            }
            if (problems.isEmpty()) {
                ordered = DependencyOrder.of(services);
            }
            if (!problems.isEmpty()) {
                throw new ProjectFileException(file, problems);
            }
            return new Project(name, file, ordered);
        }

        private String projectName() {
            if (document.project() != null) {
                try {
                    return ServiceName.of(document.project()).value();
                } catch (InvalidServiceNameException e) {
                    problems.add(new ProjectFileException.Problem(0, "project",
                            "'" + document.project() + "' is not a valid project name: " + ServiceName.RULE));
                    return null;
                }
            }
            String fromDirectory = directoryName();
            if (fromDirectory.isEmpty()) {
                problems.add(new ProjectFileException.Problem(0, "project", "the directory's name '"
                        + file.getParent().getFileName() + "' makes no project name; give one: \"project\": \"shop\""));
            }
            return fromDirectory;
        }

        /** The directory's name as a DNS label: lowercase, other characters as '-', at most 63. */
        private String directoryName() {
            Path dir = file.getParent().getFileName();
            String label = dir == null ? "" : dir.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
            label = label.length() > 63 ? label.substring(0, 63) : label;
            return label.replaceAll("^-+|-+$", "");
        }

        private ProjectService service(String key, LocatedService located) {
            String where = "services." + key;
            if (located == null || located.fields() == null) {
                problems.add(new ProjectFileException.Problem(0, where, "is empty; give at least its \"command\""));
                return null;
            }
            int line = located.line();
            ServiceFields f = located.fields();
            int before = problems.size();
            ServiceName name = null;
            try {
                name = ServiceName.of(key);
            } catch (InvalidServiceNameException e) {
                problem(line, where, "'" + key + "' is not a valid service name: " + ServiceName.RULE);
            }
            if (f.command() == null || f.command().isBlank()) {
                problem(line, where + ".command", "missing: the command that starts the service, with {port} where"
                        + " its port goes");
            }
            Path cwd = file.getParent();
            if (f.cwd() != null) {
                cwd = file.getParent().resolve(f.cwd()).normalize();
                if (!Files.isDirectory(cwd)) {
                    problem(line, where + ".cwd", cwd + " is not a directory (cwd is relative to " + file.getParent() + ")");
                }
            }
            Map<String, String> env = f.env() == null ? Map.of() : f.env();
            env.forEach((k, v) -> {
                if (v == null) {
                    problem(line, where + ".env." + k, "has no value; write \"\" for an empty one");
                }
                if (k.isEmpty() || k.contains("=")) {
                    problem(line, where + ".env", "'" + k + "' is not a variable name");
                }
            });
            if (f.port() != null && (f.port() < 1 || f.port() > 65_535)) {
                problem(line, where + ".port", f.port() + " is outside 1-65535");
            }
            Duration startTimeout = time(f.startTimeout(), line, where + ".startTimeout");
            Duration stopGrace = time(f.stopGrace(), line, where + ".stopGrace");
            List<ServiceName> dependsOn = new ArrayList<>();
            for (String dependency : f.dependsOn() == null ? List.<String>of() : f.dependsOn()) {
                try {
                    dependsOn.add(ServiceName.of(dependency));
                } catch (InvalidServiceNameException e) {
                    problem(line, where + ".dependsOn", "'" + dependency + "' is not a service name");
                }
            }
            if (problems.size() > before) {
                return null;
            }
            return new ProjectService(name, f.command(), cwd, env, dependsOn, Boolean.TRUE.equals(f.isolated()),
                    Boolean.TRUE.equals(f.killSwitchBypass()), Boolean.TRUE.equals(f.subdomains()), f.port(),
                    startTimeout, stopGrace, line);
        }

        private Duration time(String value, int line, String field) {
            if (value == null) {
                return null;
            }
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                problem(line, field, e.getMessage());
                return null;
            }
        }

        private void checkDependencies(Map<ServiceName, ProjectService> services) {
            for (ProjectService service : services.values()) {
                for (ServiceName dependency : service.dependsOn()) {
                    if (dependency.equals(service.name())) {
                        problem(service.line(), "services." + service.name() + ".dependsOn", "a service cannot depend"
                                + " on itself");
                    } else if (!services.containsKey(dependency)) {
                        problem(service.line(), "services." + service.name() + ".dependsOn", "there is no service '"
                                + dependency + "' in this file; services: " + services.keySet().stream()
                                .map(ServiceName::value).collect(Collectors.joining(", ")));
                    }
                }
            }
            if (problems.isEmpty()) {
                DependencyOrder.cycle(services).ifPresent(cycle -> problem(
                        services.get(cycle.getFirst()).line(), "services." + cycle.getFirst() + ".dependsOn",
                        "the services depend on each other in a circle: " + cycle.stream().map(ServiceName::value)
                                .collect(Collectors.joining(" -> ")) + "; none of them could start first"));
            }
        }

        private void problem(int line, String field, String message) {
            problems.add(new ProjectFileException.Problem(line, Objects.requireNonNull(field), message));
        }
    }
}
